-- goals: the idiomatic Lua face of libgoals.
--
--   local goals = require "goals"
--   local plan = goals.load("plan.xml")
--   plan:load_observations("data.csv")
--   local ev = plan:evaluate{ as_of = "2025-12-31", method = "linear" }
--   for r in ev:results() do print(r.id, r.status, r.progress) end
--
-- The C module goals.core (SWIG: bindings/goals.i and goals_lua.i) is raw:
-- its goal, measure, target and result handles are bare pointers into a
-- plan or an evaluation. This layer wraps each in an object that holds the
-- object owning it (a goal, measure or target holds its plan; an evaluation
-- holds its plan; a result holds its evaluation), so the garbage collector
-- frees a plan only when nothing reachable can still point into it.
-- Undefined numbers (NaN in C) are nil here. Failures raise goals.Error
-- values: tables {code, kind, message, file, line, column} whose tostring
-- is "FILE:LINE:COL: message".

local core = require "goals.core"

local goals = {}

goals.core = core
goals.version = core.goals_version_string()
goals.Error = core.Error

local Error = core.Error

----------------------------------------------------------------------------
-- Helpers

-- Whether v is an error raised by libgoals.
function goals.is_error(v)
  return getmetatable(v) == Error
end

-- Raises a goals.Error for a bad argument to this module.
local function usage(message)
  error(setmetatable({ code = core.GOALS_EINVAL, kind = core.goals_strerror(core.GOALS_EINVAL),
                       message = message, line = 0, column = 0 }, Error), 3)
end

local function check_string(v, what)
  if type(v) ~= "string" then usage(("%s must be a string, not %s"):format(what, type(v))) end
end

-- NaN is undefined: nil. Whole numbers come out as integers.
local function num(x)
  if x == nil or x ~= x then return nil end
  return math.tointeger(x) or x
end

local function int(x) return math.tointeger(x) or x end

local function text(s)
  if s == nil or s == "" then return nil end
  return s
end

local function period_text(p)
  return core.goals_bind_period_text(p.start, p.end_, p.kind)
end

-- The text of day number d (YYYY-MM-DD).
local function day_text(d)
  return core.goals_bind_period_text(d, d, core.GOALS_PERIOD_DAY)
end

-- An object class: fields come from getters (computed on access), methods
-- from the class table.
local function class(name, getters)
  local cls = { __name = name }
  cls.__index = function(self, key)
    local m = cls[key]
    if m ~= nil then return m end
    local g = getters[key]
    if g then return g(self) end
    return nil
  end
  return cls
end

-- Iterator over at(0) .. at(n-1), each wrapped by wrap.
local function each(n, at, wrap)
  local i = 0
  return function()
    if i >= n then return nil end
    local raw = at(i)
    i = i + 1
    return wrap(raw)
  end
end

----------------------------------------------------------------------------
-- Plan, Goal, Measure, Target

local Plan, Goal, Measure, Target, Evaluation

local function wrapper(cls)
  return function(plan, raw)
    if raw == nil then return nil end
    return setmetatable({ _raw = raw, _plan = plan }, cls)
  end
end

-- Goals, measures and targets are equal when they are the same object of
-- the same plan (each access makes a new Lua handle).
local function same(a, b)
  return getmetatable(a) == getmetatable(b) and rawequal(a._plan, b._plan) and a.id == b.id
end

Plan = class("goals.Plan", {
  id = function(p) return core.goals_plan_id(p._raw) end,
  lang = function(p) return text(core.goals_plan_lang(p._raw)) end,
  title = function(p) return core.goals_plan_title(p._raw, nil) end,
  issuer = function(p) return core.goals_plan_issuer(p._raw) end,
  source = function(p) return core.goals_plan_source(p._raw) end,
  horizon = function(p)
    local h = core.goals_period()
    if core.goals_plan_horizon(p._raw, h) ~= 0 then return period_text(h) end
    return nil
  end,
  goal_count = function(p) return int(core.goals_plan_goal_count(p._raw)) end,
  target_count = function(p) return int(core.goals_plan_target_count(p._raw)) end,
  measure_count = function(p) return int(core.goals_plan_measure_count(p._raw)) end,
  observation_count = function(p) return int(core.goals_plan_observation_count(p._raw)) end,
})
goals.Plan = Plan
Plan.__eq = function(a, b) return rawequal(a._raw, b._raw) end
Plan.__tostring = function(p) return ("goals.Plan(%s)"):format(p.id) end

local wrap_goal, wrap_measure, wrap_target

-- The title in language lang (nil: the plan's own), with the library's fallbacks.
function Plan:title_in(lang) return core.goals_plan_title(self._raw, lang) end

-- Goals in plan order (depth-first), for `for g in plan:goals() do`.
function Plan:goals()
  local raw = self._raw
  return each(core.goals_plan_goal_count(raw),
    function(i) return core.goals_plan_goal_at(raw, i) end,
    function(g) return wrap_goal(self, g) end)
end

-- Top-level goals.
function Plan:roots()
  local raw = self._raw
  return each(core.goals_plan_root_count(raw),
    function(i) return core.goals_plan_root_at(raw, i) end,
    function(g) return wrap_goal(self, g) end)
end

-- Targets in plan order.
function Plan:targets()
  local raw = self._raw
  return each(core.goals_plan_target_count(raw),
    function(i) return core.goals_plan_target_at(raw, i) end,
    function(t) return wrap_target(self, t) end)
end

-- Measures in the order added.
function Plan:measures()
  local raw = self._raw
  return each(core.goals_plan_measure_count(raw),
    function(i) return core.goals_plan_measure_at(raw, i) end,
    function(m) return wrap_measure(self, m) end)
end

-- Lookup by id: the object, or nil when the plan has none with that id.
function Plan:goal(id)
  check_string(id, "goal id")
  return wrap_goal(self, core.goals_plan_find_goal(self._raw, id))
end
function Plan:target(id)
  check_string(id, "target id")
  return wrap_target(self, core.goals_plan_find_target(self._raw, id))
end
function Plan:measure(id)
  check_string(id, "measure id")
  return wrap_measure(self, core.goals_plan_find_measure(self._raw, id))
end

-- Reads observations from a CSV file (measure,period,value[,source,note]),
-- all or nothing. opts.replace = true lets values replace earlier ones.
function Plan:load_observations(path, opts)
  check_string(path, "path")
  local flags = (opts and opts.replace) and core.GOALS_OBS_REPLACE or 0
  core.goals_bind_load_observations_file(self._raw, path, flags)
  return self
end

-- Adds one observation: measure id, period text ("2025", "2025-Q3" …),
-- value in the measure's scale × unit, optional source.
function Plan:add_observation(measure_id, period, value, source)
  check_string(measure_id, "measure id")
  check_string(period, "period")
  if type(value) ~= "number" then usage("value must be a number") end
  local m = core.goals_plan_find_measure(self._raw, measure_id)
  if m == nil then usage(("no measure %q in plan %s"):format(measure_id, self.id)) end
  local p = core.goals_period()
  core.goals_period_parse(p, period)
  core.goals_measure_add_observation(m, p, value, source)
  return self
end

-- Saves the plan in the native format (gzip when path ends in .gz), atomically.
function Plan:save(path)
  check_string(path, "path")
  core.goals_bind_save_file(self._raw, path, 0, 0)
  return self
end

local EVAL_OPTIONS = { as_of = true, method = true, params = true, force_method = true }

-- Evaluates the plan. opts: as_of ("YYYY-MM-DD"; default: today, UTC),
-- method (default "linear"), params ({name = value} or {"name=value", …}),
-- force_method (true: ignore the methods that targets name).
function Plan:evaluate(opts)
  opts = opts or {}
  if type(opts) ~= "table" then usage("evaluate expects a table of options") end
  for k in pairs(opts) do
    if not EVAL_OPTIONS[k] then usage(("evaluate: unknown option %q"):format(tostring(k))) end
  end
  local as_of = opts.as_of or os.date("!%Y-%m-%d")
  check_string(as_of, "as_of")
  if opts.method ~= nil then check_string(opts.method, "method") end
  local params = {}
  for k, v in pairs(opts.params or {}) do
    local item = type(k) == "number" and tostring(v) or (tostring(k) .. "=" .. tostring(v))
    if item:find("\n", 1, true) then usage("evaluate: a parameter holds a line break") end
    params[#params + 1] = item
  end
  table.sort(params) -- a stable order, whatever pairs() gives
  local day = core.goals_bind_date_parse(as_of)
  local flags = opts.force_method and core.GOALS_EVAL_FORCE_METHOD or 0
  local raw = core.goals_bind_evaluate(self._raw, day, opts.method, table.concat(params, "\n"), flags)
  return setmetatable({ _raw = raw, _plan = self }, Evaluation)
end

Goal = class("goals.Goal", {
  id = function(g) return core.goals_goal_id(g._raw) end,
  kind = function(g) return text(core.goals_goal_kind(g._raw)) end,
  title = function(g) return core.goals_goal_title(g._raw, nil) end,
  owner = function(g) return core.goals_goal_owner(g._raw) end,
  weight = function(g) return num(core.goals_goal_weight(g._raw)) end,
  plan = function(g) return g._plan end,
  parent = function(g) return wrap_goal(g._plan, core.goals_goal_parent(g._raw)) end,
})
goals.Goal = Goal
Goal.__eq = same
Goal.__tostring = function(g) return ("goals.Goal(%s)"):format(g.id) end
wrap_goal = wrapper(Goal)

function Goal:title_in(lang) return core.goals_goal_title(self._raw, lang) end

-- Child goals.
function Goal:children()
  local raw, plan = self._raw, self._plan
  return each(core.goals_goal_child_count(raw),
    function(i) return core.goals_goal_child_at(raw, i) end,
    function(g) return wrap_goal(plan, g) end)
end

-- The targets on this goal; with deep = true, those of its whole subtree.
function Goal:targets(deep)
  local plan, list = self._plan, {}
  local function walk(g)
    for i = 0, core.goals_goal_target_count(g) - 1 do list[#list + 1] = core.goals_goal_target_at(g, i) end
    if deep then
      for i = 0, core.goals_goal_child_count(g) - 1 do walk(core.goals_goal_child_at(g, i)) end
    end
  end
  walk(self._raw)
  return each(#list, function(i) return list[i + 1] end, function(t) return wrap_target(plan, t) end)
end

-- The texts of the goal's tasks (actions), in the plan's language.
function Goal:tasks()
  local out = {}
  for i = 0, core.goals_goal_task_count(self._raw) - 1 do
    out[#out + 1] = core.goals_goal_task(self._raw, i, nil)
  end
  return out
end

Measure = class("goals.Measure", {
  id = function(m) return core.goals_measure_id(m._raw) end,
  name = function(m) return core.goals_measure_name(m._raw, nil) end,
  unit = function(m) return text(core.goals_measure_unit(m._raw)) end,
  scale = function(m) return num(core.goals_measure_scale(m._raw)) end,
  frequency = function(m) return text(core.goals_measure_frequency(m._raw)) end,
  definition = function(m) return core.goals_measure_definition(m._raw) end,
  scope = function(m) return core.goals_measure_scope(m._raw) end,
  observation_count = function(m) return int(core.goals_measure_observation_count(m._raw)) end,
  plan = function(m) return m._plan end,
})
goals.Measure = Measure
Measure.__eq = same
Measure.__tostring = function(m) return ("goals.Measure(%s)"):format(m.id) end
wrap_measure = wrapper(Measure)

function Measure:name_in(lang) return core.goals_measure_name(self._raw, lang) end

-- Observations in period order, as plain tables {period, start, ["end"],
-- value, text, source, note, dimensions = {name = value} or nil}.
function Measure:observations()
  local raw = self._raw
  return each(core.goals_measure_observation_count(raw),
    function(i) return core.goals_measure_observation_at(raw, i) end,
    function(o)
      local p = core.goals_observation_period(o)
      local obs = {
        period = period_text(p), start = day_text(p.start), ["end"] = day_text(p.end_),
        value = num(core.goals_observation_value(o)), text = core.goals_observation_text(o),
        source = core.goals_observation_source(o), note = core.goals_observation_note(o),
      }
      local nd = core.goals_observation_dimension_count(o)
      if nd > 0 then
        obs.dimensions = {}
        for d = 0, nd - 1 do
          local name, value = core.goals_observation_dimension_at(o, d)
          obs.dimensions[name] = value
        end
      end
      return obs
    end)
end

local function target_period(t, getter)
  local p = core.goals_period()
  if getter(t._raw, p) ~= 0 then return period_text(p) end
  return nil
end

Target = class("goals.Target", {
  id = function(t) return core.goals_target_id(t._raw) end,
  title = function(t) return core.goals_target_title(t._raw, nil) end,
  kind = function(t) return core.goals_target_kind_name(core.goals_target_kind_of(t._raw)) end,
  op = function(t) return text(core.goals_op_name(core.goals_target_op(t._raw))) end,
  value = function(t) return num(core.goals_target_value(t._raw)) end,
  high = function(t) return num(core.goals_target_high(t._raw)) end,
  given_value = function(t) return num(core.goals_target_given_value(t._raw)) end,
  given_high = function(t) return num(core.goals_target_given_high(t._raw)) end,
  given_unit = function(t) return text(core.goals_target_given_unit(t._raw)) end,
  attribute = function(t) return text(core.goals_attribute_name(core.goals_target_attribute(t._raw))) end,
  method = function(t) return core.goals_target_method(t._raw) end,
  weight = function(t) return num(core.goals_target_weight(t._raw)) end,
  streak = function(t) return num(core.goals_target_streak(t._raw)) end,
  change = function(t)
    if core.goals_target_kind_of(t._raw) ~= core.GOALS_KIND_CHANGE then return nil end
    return core.goals_target_change_mode(t._raw) == core.GOALS_CHANGE_PERCENT and "percent" or "absolute"
  end,
  deadline = function(t) return target_period(t, core.goals_target_deadline) end,
  start = function(t) return target_period(t, core.goals_target_start) end,
  baseline = function(t)
    local p = core.goals_period()
    local has, value = core.goals_target_baseline(t._raw, p)
    if has == 0 then return nil end
    return { period = period_text(p), value = num(value) }
  end,
  goal = function(t) return wrap_goal(t._plan, core.goals_target_goal(t._raw)) end,
  measure = function(t) return wrap_measure(t._plan, core.goals_target_measure(t._raw)) end,
  plan = function(t) return t._plan end,
})
goals.Target = Target
Target.__eq = same
Target.__tostring = function(t) return ("goals.Target(%s)"):format(t.id) end
wrap_target = wrapper(Target)

function Target:title_in(lang) return core.goals_target_title(self._raw, lang) end

----------------------------------------------------------------------------
-- Evaluation and results

-- Status names in the library's order: statuses[s + 1] is the name of status s.
local STATUSES = {}
for s = 0, core.GOALS_STATUS_COUNT - 1 do STATUSES[s + 1] = core.goals_target_status_name(s) end
goals.statuses = STATUSES

Evaluation = class("goals.Evaluation", {
  as_of = function(ev) return day_text(core.goals_evaluation_as_of(ev._raw)) end,
  method = function(ev) return core.goals_evaluation_method(ev._raw) end,
  plan = function(ev) return ev._plan end,
  status = function(ev) return ev:goal_status(nil) end,
  score = function(ev) return ev:goal_score(nil) end,
  counts = function(ev) return ev:goal_counts(nil) end,
})
goals.Evaluation = Evaluation
Evaluation.__tostring = function(ev)
  return ("goals.Evaluation(%s as of %s, %s)"):format(ev._plan.id, ev.as_of, ev.method)
end

-- A result as a plain table (its figures are copied out): id, goal (the
-- goal's id), target (a goals.Target), status, violation, latest {period,
-- value} or nil, baseline {period, value, observed} or nil, progress,
-- required_rate, actual_rate, projected, days_left, method, assessment
-- {method, value, category}, note, evaluation.
local function result_table(ev, r)
  local t = wrap_target(ev._plan, core.goals_result_target(r))
  local p = core.goals_period()
  local out = {
    id = t.id, goal = core.goals_goal_id(core.goals_target_goal(t._raw)), target = t,
    status = core.goals_target_status_name(core.goals_result_status(r)),
    violation = core.goals_result_violation(r) ~= 0,
    progress = num(core.goals_result_progress(r)),
    required_rate = num(core.goals_result_required_rate(r)),
    actual_rate = num(core.goals_result_actual_rate(r)),
    projected = num(core.goals_result_projected(r)),
    days_left = int(core.goals_result_days_left(r)),
    method = core.goals_result_method(r),
    assessment = { method = core.goals_result_method(r),
                   value = num(core.goals_result_assessment_value(r)),
                   category = core.goals_result_assessment_category(r) },
    note = core.goals_result_note(r),
    evaluation = ev,
  }
  local has, value = core.goals_result_latest(r, p)
  if has ~= 0 then out.latest = { period = period_text(p), value = num(value) } end
  local observed
  has, value, observed = core.goals_result_baseline(r, p)
  if has ~= 0 then out.baseline = { period = period_text(p), value = num(value), observed = observed ~= 0 } end
  return out
end

-- Results in plan order, for `for r in ev:results() do`.
function Evaluation:results()
  local raw = self._raw
  return each(core.goals_evaluation_result_count(raw),
    function(i) return core.goals_evaluation_result_at(raw, i) end,
    function(r) return result_table(self, r) end)
end

-- The result of the target with this id, or nil.
function Evaluation:result(id)
  check_string(id, "target id")
  local r = core.goals_evaluation_find_result(self._raw, id)
  if r == nil then return nil end
  return result_table(self, r)
end

-- A goal given as a goals.Goal of this plan or as an id; nil is the plan.
local function goal_handle(ev, goal)
  if goal == nil then return nil end
  if getmetatable(goal) == Goal then
    if not rawequal(goal._plan, ev._plan) then usage("the goal is not of the evaluated plan") end
    return goal._raw
  end
  check_string(goal, "goal")
  local g = core.goals_plan_find_goal(ev._plan._raw, goal)
  if g == nil then usage(("no goal %q in plan %s"):format(goal, ev._plan.id)) end
  return g
end

-- The status of a goal (nil: the plan): the worst among its targets.
function Evaluation:goal_status(goal)
  return core.goals_target_status_name(core.goals_evaluation_status(self._raw, goal_handle(self, goal)))
end

-- The number of targets per status under a goal (nil: the plan):
-- {achieved = n, on_track = n, …}, every status present.
function Evaluation:goal_counts(goal)
  local g, out = goal_handle(self, goal), {}
  for s = 0, core.GOALS_STATUS_COUNT - 1 do
    out[STATUSES[s + 1]] = int(core.goals_bind_count(self._raw, g, s))
  end
  return out
end

-- The weighted score of a goal (nil: the plan) in [0, 1], or nil when
-- nothing beneath it can be scored.
function Evaluation:goal_score(goal)
  return num(core.goals_evaluation_score(self._raw, goal_handle(self, goal)))
end

----------------------------------------------------------------------------
-- Module functions

local function load_flags(opts)
  if opts ~= nil and type(opts) ~= "table" then usage("options must be a table") end
  return (opts and opts.validate) and core.GOALS_LOAD_VALIDATE or 0, opts and opts.schema_dir
end

-- Loads a plan from a file (plain or gzip). opts.validate = true checks a
-- native document against the XSD; opts.schema_dir names the XSDs' folder.
function goals.load(path, opts)
  check_string(path, "path")
  local flags, schema_dir = load_flags(opts)
  return setmetatable({ _raw = core.goals_bind_load_file(path, flags, schema_dir, 0, 0) }, Plan)
end

-- Loads a plan from a string; name (default "<memory>") names it in messages.
function goals.loads(data, name, opts)
  check_string(data, "data")
  local flags, schema_dir = load_flags(opts)
  return setmetatable({ _raw = core.goals_bind_load_memory(data, name, flags, schema_dir, 0, 0) }, Plan)
end

-- Parses period text ("2026", "2026-Q3", "2026-07", "2026-07-15",
-- "2019-10-01/2020-03-31") into {text (canonical), start, ["end"] (as
-- YYYY-MM-DD), first, last (day numbers: days since 1970-01-01)}.
function goals.period(s)
  check_string(s, "period")
  local p = core.goals_period()
  core.goals_period_parse(p, s)
  return { text = period_text(p), start = day_text(p.start), ["end"] = day_text(p.end_),
           first = int(p.start), last = int(p.end_) }
end

-- The evaluation methods: a list of {name, description, params = {{name,
-- default, doc}, …}}.
function goals.methods()
  local out = {}
  for i = 0, core.goals_method_count() - 1 do
    local name = core.goals_method_name_at(i)
    local params = {}
    for j = 0, core.goals_method_param_count(name) - 1 do
      local pname, default, doc = core.goals_method_param_at(name, j)
      params[#params + 1] = { name = pname, default = default, doc = doc }
    end
    out[#out + 1] = { name = name, description = core.goals_method_description(name), params = params }
  end
  return out
end

return goals
