-- Lifetimes: a child object keeps what it points into alive, and a plan no
-- longer reachable is freed. A use-after-free here would read freed memory
-- (valgrind or ASan would see it); the values checked would most likely be
-- garbage or crash the interpreter.
local goals = require "goals"
local check = require "check"

local SRC = os.getenv("GOALS_SOURCE_DIR") or "."
local PLAN = SRC .. "/tests/data/report/plan.xml"
local DATA = SRC .. "/tests/data/report/data.csv"

local function full_gc()
  collectgarbage("collect")
  collectgarbage("collect")
end

-- Something allocated in the C heap in between, so that freed memory gets
-- reused and a dangling pointer would read someone else's bytes.
local function churn()
  for _ = 1, 5 do goals.load(PLAN) end
  full_gc()
end

return {
  { "a target outlives the dropped plan variable", function()
    local plan = goals.load(PLAN)
    local t = plan:target("t-reach")
    local m = plan:measure("sales")
    plan = nil -- luacheck: ignore
    full_gc()
    churn()
    check.eq(t.id, "t-reach", "target id")
    check.eq(t.value, 320, "target value")
    check.eq(t.goal.title, "聚焦商贸，加快塑造新优势", "its goal")
    check.eq(t.plan.id, "report-test", "its plan, reached back")
    check.eq(m.name, "社会消费品零售总额", "a measure")
  end },

  { "an iterator keeps its plan", function()
    local it = goals.load(PLAN):targets()
    full_gc()
    churn()
    local first = it()
    check.eq(first.id, "t-reach", "first target after collection")
    check.eq(it().id, "t-achieved", "second")
  end },

  { "an evaluation keeps its plan; a result keeps its evaluation", function()
    local plan = goals.load(PLAN)
    plan:load_observations(DATA)
    local ev = plan:evaluate{ as_of = "2024-06-30" }
    local r = ev:result("t-atrisk")
    plan, ev = nil, nil -- luacheck: ignore
    full_gc()
    churn()
    check.eq(r.status, "at_risk", "copied status")
    check.eq(r.target.title, "新增就业100万人", "the target through the result")
    check.eq(r.evaluation:goal_status("g3"), "regressing", "the evaluation through the result")
    check.eq(r.evaluation.plan.id, "report-test", "the plan through the evaluation")
  end },

  { "an unreachable plan and evaluation are collected", function()
    local weak = setmetatable({}, { __mode = "v" })
    do
      local plan = goals.load(PLAN)
      weak.plan = plan
      weak.raw = plan._raw
      weak.ev = plan:evaluate{ as_of = "2024-06-30" }
      weak.target = plan:target("t-reach")
    end
    full_gc()
    check.eq(weak.plan, nil, "plan object collected")
    check.eq(weak.raw, nil, "raw plan proxy collected (and freed by its __gc)")
    check.eq(weak.ev, nil, "evaluation collected")
    check.eq(weak.target, nil, "target collected")
  end },

  { "many plans loaded and dropped do not pile up", function()
    full_gc()
    local before = collectgarbage("count")
    for _ = 1, 200 do
      local plan = goals.load(PLAN)
      for t in plan:targets() do local _ = t.title end
    end
    full_gc()
    -- The Lua side of 200 plans is far above 256 KiB; what stays is noise.
    check.truthy(collectgarbage("count") - before < 256, "Lua memory back near where it was")
  end },
}
