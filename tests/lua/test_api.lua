-- The idiomatic Lua API (goals.lua over goals.core), on the report test plan
-- (tests/data/report/plan.xml): its statuses as of 2024-06-30 with the
-- linear method follow from docs/evaluation.md, and the numbers below are
-- worked out by hand from its baselines, targets and data.
local goals = require "goals"
local check = require "check"

local SRC = os.getenv("GOALS_SOURCE_DIR") or "."
local PLAN = SRC .. "/tests/data/report/plan.xml"
local DATA = SRC .. "/tests/data/report/data.csv"

local function evaluated(opts)
  local plan = goals.load(PLAN)
  plan:load_observations(DATA)
  return plan, plan:evaluate(opts or { as_of = "2024-06-30", method = "linear" })
end

local function ids(iter)
  local out = {}
  for x in iter do out[#out + 1] = x.id end
  return table.concat(out, " ")
end

-- A path in the system's temporary folder.
local function tmpname(suffix)
  local name = os.tmpname()
  os.remove(name)
  return name .. suffix
end

return {
  { "require gives the module, its version and the raw core", function()
    check.truthy(goals.version:match("^%d+%.%d+%.%d+$"), "version " .. goals.version)
    check.eq(type(goals.core), "table", "goals.core")
    check.eq(package.loaded["goals.core"], goals.core, "goals.core is the loaded C module")
    check.eq(goals.statuses[1], "no_data", "first status")
    check.eq(goals.statuses[#goals.statuses], "missed", "last status")
    check.eq(#goals.statuses, 9, "status count")
  end },

  { "load: the plan's fields", function()
    local plan = goals.load(PLAN)
    check.eq(plan.id, "report-test", "id")
    check.eq(plan.lang, "zh", "lang")
    check.eq(plan.title, '测试规划：报告 & "escapes" <ok>', "title")
    check.eq(plan:title_in("en"), "Report test plan", "English title")
    check.eq(plan.horizon, "2022-01-01/2026-12-31", "horizon")
    check.eq(plan.target_count, 12, "target count")
    check.eq(math.type(plan.target_count), "integer", "counts are integers")
    check.eq(plan.goal_count, 4, "goal count")
    check.eq(plan.measure_count, 9, "measure count")
    check.eq(plan.observation_count, 7, "observations in the plan file")
    check.eq(tostring(plan), "goals.Plan(report-test)", "tostring")
  end },

  { "iterators: goals, roots, children, targets, measures in plan order", function()
    local plan = goals.load(PLAN)
    check.eq(ids(plan:goals()), "g1 g2 g2a g3", "goals")
    check.eq(ids(plan:roots()), "g1 g2 g3", "roots")
    check.eq(ids(plan:goal("g2"):children()), "g2a", "children of g2")
    check.eq(ids(plan:goal("g2"):targets()), "", "g2 has no targets of its own")
    check.eq(ids(plan:goal("g2"):targets(true)), "t-breached t-nodata t-pending", "g2's subtree")
    check.eq(ids(plan:goal("g1"):targets()), "t-reach t-achieved t-missed t-cumulative", "g1's targets")
    local n = 0
    for t in plan:targets() do
      n = n + 1
      check.eq(getmetatable(t), goals.Target, "a target")
    end
    check.eq(n, 12, "targets iterated")
    check.eq(ids(plan:measures()):match("^%S+ %S+"), "sales satisfaction", "first measures")
  end },

  { "lookup by id: target fields, its goal and measure", function()
    local plan = goals.load(PLAN)
    local t = plan:target("t-reach")
    check.eq(t.id, "t-reach", "id")
    check.eq(t.kind, "reach", "kind")
    check.eq(t.op, "gt", "op")
    check.eq(t.value, 320, "value in the measure's scale")
    check.eq(t.given_unit, "亿元", "unit as given")
    check.eq(t.high, nil, "no high end")
    check.eq(t.deadline, "2026", "deadline")
    check.eq(t.attribute, "expected", "attribute")
    check.eq(t.baseline.period, "2021", "baseline period")
    check.eq(t.baseline.value, 250, "baseline value")
    check.eq(t.title, "社会消费品零售总额超320亿元", "title")
    check.eq(t:title_in("en"), "Retail sales above 32 billion yuan", "English title")
    check.eq(t.goal.id, "g1", "goal")
    check.eq(t.measure.id, "sales", "measure")
    check.eq(t.measure.unit, "CNY", "measure unit")
    check.eq(t.measure.scale, 1e8, "measure scale")
    check.eq(t.measure:name_in("en"), "Retail sales", "measure name")
    local b = plan:target("t-between")
    check.eq(b.op, "between", "between")
    check.eq(b.value, 30, "low")
    check.eq(b.high, 35, "high")
    check.eq(plan:target("t-increase").value, nil, "a direction has no value (nil, not NaN)")
    check.eq(plan:target("t-cumulative").start, "2022", "window start")
    check.eq(plan:goal("g2a").parent.id, "g2", "parent")
    check.eq(plan:goal("g1").parent, nil, "a root has no parent")
    check.eq(plan:goal("g1").kind, "priority", "goal kind")
    check.eq(plan:target("no-such"), nil, "unknown target")
    check.eq(plan:goal("no-such"), nil, "unknown goal")
    check.eq(plan:measure("no-such"), nil, "unknown measure")
    check.truthy(plan:target("t-reach") == t, "two handles on one target are equal")
    check.truthy(plan:target("t-missed") ~= t, "different targets differ")
    check.eq(t.change, nil, "change mode only for change targets")
  end },

  { "observations come back as tables in period order", function()
    local plan = goals.load(PLAN)
    plan:load_observations(DATA)
    check.eq(plan.observation_count, 7 + 5, "observations of the file and the CSV")
    local got = {}
    for o in plan:measure("sales"):observations() do
      got[#got + 1] = ("%s=%s [%s]"):format(o.period, o.value, o.source or "")
    end
    check.eq(table.concat(got, "; "),
      "2022=270 [Statistical bulletin, 2022]; 2023=290 [Statistical bulletin, 2023]; 2025=330 []",
      "sales observations")
    local o = plan:measure("sales"):observations()()
    check.eq(o.start, "2022-01-01", "first day")
    check.eq(o["end"], "2022-12-31", "last day")
  end },

  { "evaluate: statuses and figures as of 2024-06-30 (linear)", function()
    local _, ev = evaluated()
    check.eq(ev.as_of, "2024-06-30", "as of")
    check.eq(ev.method, "linear", "method")
    local want = {
      ["t-reach"] = "on_track", ["t-achieved"] = "achieved", ["t-missed"] = "missed",
      ["t-cumulative"] = "on_track", ["t-breached"] = "breached", ["t-nodata"] = "no_data",
      ["t-pending"] = "pending", ["t-offtrack"] = "off_track", ["t-regressing"] = "regressing",
      ["t-atrisk"] = "at_risk", ["t-between"] = "on_track", ["t-increase"] = "regressing",
    }
    local n = 0
    for r in ev:results() do
      n = n + 1
      check.eq(r.status, want[r.id], r.id .. " status")
    end
    check.eq(n, 12, "one result per target")

    local r = ev:result("t-reach")
    check.eq(r.latest.period, "2023", "latest period (2025 is after the as-of day)")
    check.eq(r.latest.value, 290, "latest value")
    check.eq(r.baseline.value, 250, "baseline")
    check.eq(r.baseline.observed, false, "baseline given by the target")
    check.near(r.progress, (290 - 250) / (320 - 250), "progress")
    check.eq(r.days_left, 914, "days from 2024-06-30 to 2026-12-31")
    check.eq(math.type(r.days_left), "integer", "days_left is an integer")
    check.eq(r.goal, "g1", "goal id")
    check.eq(r.target.title, "社会消费品零售总额超320亿元", "the result's target")
    check.eq(r.assessment.category, "on_track", "the method's category")
    check.eq(r.violation, false, "not a violation")

    local m = ev:result("t-missed")
    check.eq(m.violation, true, "binding and missed")
    check.eq(m.days_left, -182, "after the deadline")
    check.near(m.progress, 0.8, "progress of the missed target")

    local c = ev:result("t-cumulative")
    check.eq(c.latest.value, 22, "running sum 10 + 12")
    check.near(c.progress, 22 / 33.5, "cumulative progress")

    -- Undefined figures are nil, never NaN.
    local b = ev:result("t-breached")
    check.eq(b.progress, nil, "maintain breached: no progress figure")
    check.eq(b.projected, nil, "no projection")
    local nd = ev:result("t-nodata")
    check.eq(nd.latest, nil, "no latest observation")
    check.eq(nd.baseline, nil, "no baseline")
    check.eq(nd.assessment.value, nil, "no assessment figure")
    check.eq(ev:result("no-such"), nil, "unknown target")
  end },

  { "roll-up: goal status, counts and score", function()
    local plan, ev = evaluated()
    check.eq(ev.status, "missed", "plan status")
    check.eq(ev:goal_status("g2a"), "breached", "g2a")
    check.eq(ev:goal_status(plan:goal("g3")), "regressing", "g3 by object")
    local c = ev.counts
    check.eq(c.on_track, 3, "on_track in the plan")
    check.eq(c.regressing, 2, "regressing in the plan")
    check.eq(c.no_data, 1, "no_data in the plan")
    local total = 0
    for _, s in ipairs(goals.statuses) do total = total + c[s] end
    check.eq(total, 12, "counts add up to the targets")
    local g1 = ev:goal_counts("g1")
    check.eq(g1.achieved, 1, "g1 achieved")
    check.eq(g1.on_track, 2, "g1 on_track")
    check.eq(g1.missed, 1, "g1 missed")
    -- g1: achieved 1, on_track 0.75 twice, missed 0 -> 2.5 / 4
    check.near(ev:goal_score("g1"), 0.625, "g1 score")
    check.eq(ev:goal_score("g2"), 0, "g2 score: breached only (pending, no_data left out)")
    check.raises(function() ev:goal_status("no-such") end, "unknown goal")
  end },

  { "evaluate: method, parameters, force_method and option errors", function()
    local plan = goals.load(PLAN)
    plan:load_observations(DATA)
    local ev = plan:evaluate{ as_of = "2024-06-30", method = "sdg-build" }
    check.eq(ev.method, "sdg-build", "method")
    check.eq(ev:result("t-reach").method, "sdg-build", "result's method")
    local e = check.raises(function() plan:evaluate{ as_of = "2024-06-30", method = "no-such-method" } end)
    check.truthy(goals.is_error(e), "a goals.Error")
    check.eq(e.code, goals.core.GOALS_ENOTFOUND, "unknown method code")
    check.contains(tostring(e), "no-such-method", "message names the method")
    e = check.raises(function() plan:evaluate{ as_of = "2024-06-30", params = { nonsense = 1 } } end)
    check.eq(e.code, goals.core.GOALS_EINVAL, "unknown parameter")
    check.contains(e.message, "nonsense", "message names the parameter")
    e = check.raises(function() plan:evaluate{ as_of = "2024-13-01" } end)
    check.eq(e.code, goals.core.GOALS_EPERIOD, "bad date")
    e = check.raises(function() plan:evaluate{ asof = "2024-06-30" } end)
    check.contains(tostring(e), "unknown option", "a misspelt option is refused")
  end },

  { "errors: a bad document raises a goals.Error with its place", function()
    local path = SRC .. "/tests/data/bad/bad-op.xml"
    local e = check.raises(function() goals.load(path) end)
    check.truthy(goals.is_error(e), "a goals.Error")
    check.eq(e.file, path, "file")
    check.eq(e.line, 5, "line")
    check.eq(e.column, 45, "column")
    check.eq(e.code, goals.core.GOALS_EINVALID, "code")
    check.eq(e.kind, "invalid document", "kind")
    check.contains(e.message, "bad op 'gte'", "message")
    check.eq(tostring(e), ("%s:5:45: %s"):format(path, e.message), "FILE:LINE:COL: message")
  end },

  { "errors: a missing file, and a bad argument", function()
    local e = check.raises(function() goals.load("/nonexistent/plan.xml") end)
    check.eq(e.code, goals.core.GOALS_EIO, "I/O error")
    check.eq(tostring(e):sub(1, 22), "/nonexistent/plan.xml:", "names the file")
    e = check.raises(function() goals.load(42) end)
    check.truthy(goals.is_error(e), "usage errors are goals.Error too")
    check.contains(tostring(e), "path must be a string", "message")
  end },

  { "load_observations is all or nothing and names file and line", function()
    local plan = goals.load(PLAN)
    local csv = tmpname(".csv")
    local f = assert(io.open(csv, "w"))
    f:write("measure,period,value\nsales,2022,270\nno-such-measure,2023,1\n")
    f:close()
    local e = check.raises(function() plan:load_observations(csv) end)
    os.remove(csv)
    check.eq(e.file, csv, "file")
    check.eq(e.line, 3, "line of the bad row")
    check.contains(e.message, "no-such-measure", "message names the measure")
    check.eq(plan.observation_count, 7, "nothing added")
  end },

  { "add_observation changes the evaluation; a duplicate is refused", function()
    local plan, ev = evaluated()
    check.eq(ev:result("t-nodata").status, "no_data", "before")
    plan:add_observation("gdp", "2023", 1200, "test")
    local ev2 = plan:evaluate{ as_of = "2024-06-30" }
    check.eq(ev2:result("t-nodata").status, "achieved", "after: 1200 >= 1000")
    check.eq(ev:result("t-nodata").status, "no_data", "an earlier evaluation is unchanged")
    local e = check.raises(function() plan:add_observation("gdp", "2023", 1300) end)
    check.eq(e.code, goals.core.GOALS_EEXISTS, "duplicate")
    e = check.raises(function() plan:add_observation("gdp", "2023-13", 1) end)
    check.eq(e.code, goals.core.GOALS_EPERIOD, "bad period")
  end },

  { "loads from a string, save and load again", function()
    local f = assert(io.open(PLAN, "rb"))
    local data = f:read("a")
    f:close()
    local plan = goals.loads(data, "inline.xml")
    check.eq(plan.target_count, 12, "targets from memory")
    local e = check.raises(function() goals.loads("<plan", "broken.xml") end)
    check.eq(e.file, "broken.xml", "the name given is the file in the error")
    local out = tmpname(".xml.gz")
    plan:add_observation("sales", "2022", 270)
    plan:save(out)
    local again = goals.load(out)
    os.remove(out)
    check.eq(again.target_count, 12, "targets after a round trip")
    check.eq(again.observation_count, 7 + 1, "observations after a round trip")
  end },

  { "methods: names, descriptions and parameters", function()
    local names = {}
    for _, m in ipairs(goals.methods()) do
      names[m.name] = m
      check.eq(type(m.description), "string", m.name .. " description")
    end
    check.truthy(names.linear, "linear")
    check.truthy(names["sdg-build"], "sdg-build")
    check.truthy(#names["sdg-build"].params > 0, "sdg-build has parameters")
    check.eq(type(names["sdg-build"].params[1].default), "string", "a default as text")
  end },

  { "change targets: percent or absolute (the 14th FYP)", function()
    local plan = goals.load(SRC .. "/examples/plans/cn-14th-fyp.xml")
    check.eq(plan:target("CN14-14").kind, "change", "energy intensity")
    check.eq(plan:target("CN14-14").change, "percent", "a compounded percent reduction")
    check.eq(plan:target("CN14-13").change, "absolute", "life expectancy +1 year")
    local ev = plan:evaluate{ as_of = "2025-12-31" }
    check.eq(ev:result("CN14-03").latest.period, "2025", "urbanisation: latest year")
    check.eq(ev:result("CN14-03").status, "achieved", "urbanisation above 65%")
  end },

  { "period: canonical text, first and last day", function()
    local p = goals.period("2026-Q3")
    check.eq(p.text, "2026-Q3", "text")
    check.eq(p.start, "2026-07-01", "start")
    check.eq(p["end"], "2026-09-30", "end")
    check.eq(p.last - p.first, 91, "92 days in Q3")
    check.eq(goals.period("1970").first, 0, "day 0 is 1970-01-01")
    check.eq(goals.period("2019-10-01/2020-03-31")["end"], "2020-03-31", "interval")
    local e = check.raises(function() goals.period("2026-Q5") end)
    check.eq(e.code, goals.core.GOALS_EPERIOD, "bad period")
  end },
}
