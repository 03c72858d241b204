-- goals-report.lua: a Pandoc Lua filter that turns goals divs into status
-- tables of a plan, evaluated with libgoals.
--
--   pandoc --lua-filter goals-report.lua report.md -o report.html
--
-- In the Markdown:
--
--   ::: {.goals plan="../plans/kecheng-2026.xml" data="../data/x.csv" as-of="2025-12-31" goal="a5"}
--   :::
--
-- Attributes (paths are relative to the document):
--   plan     the plan file (required)
--   data     observation CSV files, separated by commas (optional)
--   as-of    the evaluation day, YYYY-MM-DD (default: today, UTC)
--   method   the evaluation method (default: linear)
--   params   method parameters, NAME=VALUE separated by commas
--   goal     only the targets under this goal (default: the whole plan)
--   lang     the language of titles (default: the plan's own)
--   chart    true: a chart of each target's observed values after the table
--   caption  false: no caption line above the table
-- The div's own content, if any, is kept after the table.
--
-- Charts are SVG: inline (a raw HTML block) for HTML output; for other
-- formats (docx, odt, epub …) they are added to the media bag as SVG images.
-- A bad attribute or a plan that cannot be loaded stops pandoc with an error
-- that names the div.

local goals = require "goals"

local ATTRIBUTES = {
  plan = true, data = true, ["as-of"] = true, method = true, params = true,
  goal = true, lang = true, chart = true, caption = true,
}

local div_count = 0

----------------------------------------------------------------------------
-- Paths, attributes, errors

local function document_dir()
  local input = PANDOC_STATE and PANDOC_STATE.input_files and PANDOC_STATE.input_files[1]
  if not input or input == "-" then return "." end
  if pandoc.path then return pandoc.path.directory(input) end
  return input:match("^(.*)/[^/]*$") or "."
end

local function resolve(path)
  if path:sub(1, 1) == "/" then return path end
  local dir = document_dir()
  if dir == "." or dir == "" then return path end
  return dir .. "/" .. path
end

-- How an error names the div: its id if it has one, else its number and plan.
local function div_name(div, attrs)
  if div.identifier and div.identifier ~= "" then
    return ("goals div #%s"):format(div.identifier)
  end
  return ("goals div %d (plan=%q)"):format(div_count, attrs.plan or "")
end

local function fail(div, attrs, message)
  error(("goals-report.lua: %s: %s"):format(div_name(div, attrs), tostring(message)), 0)
end

local function split_list(s)
  local out = {}
  for item in (s or ""):gmatch("[^,]+") do
    item = item:match("^%s*(.-)%s*$")
    if item ~= "" then out[#out + 1] = item end
  end
  return out
end

local function boolean(div, attrs, name, default)
  local v = attrs[name]
  if v == nil then return default end
  if v == "true" or v == "yes" then return true end
  if v == "false" or v == "no" then return false end
  fail(div, attrs, ("%s must be true or false, not %q"):format(name, v))
end

----------------------------------------------------------------------------
-- Formatting numbers and values

-- A number for reading: whole numbers as they are, others with at most
-- three decimals (small ones with three significant digits), no exponent,
-- no trailing zeros.
local function fmt(v)
  if v == nil then return "–" end
  if v == math.floor(v) and math.abs(v) < 1e15 then return ("%d"):format(math.floor(v)) end
  local s
  if math.abs(v) < 0.01 then s = ("%.3g"):format(v) else s = ("%.3f"):format(v) end
  if s:find("e") then s = ("%.9f"):format(v) end
  if s:find("%.") then s = s:gsub("0+$", ""):gsub("%.$", "") end
  return s
end

-- The unit a target's numbers are shown in, and the factor from the
-- measure's scale × unit to it: the unit the target was written in when
-- given (320 亿元), else the measure's own (a scale shown as 1e8 CNY).
local function display_unit(t)
  local m = t.measure
  if t.kind == "average-growth" or t.change == "percent" then return "%", 1 end
  if t.given_unit and t.value and t.value ~= 0 and t.given_value then
    return t.given_unit, t.given_value / t.value
  end
  local unit = m.unit or ""
  if m.scale and m.scale ~= 1 then
    unit = (unit ~= "" and fmt(m.scale) .. " " .. unit) or fmt(m.scale)
  end
  return unit, 1
end

local function with_unit(v, unit)
  if v == nil then return "–" end
  if unit == "" then return fmt(v) end
  if unit == "%" or unit == "‰" or not unit:find("^[%w%d]") then return fmt(v) .. unit end
  return fmt(v) .. " " .. unit
end

local OPS = { ge = "≥ ", gt = "> ", le = "≤ ", lt = "< ", eq = "= " }

local function target_text(t)
  local unit, factor = display_unit(t)
  local op = t.op
  if op == nil then
    if t.kind == "milestone" then return "event" end
    if t.kind == "qualitative" then return "assessment" end
    return t.kind
  elseif op == "increase" or op == "decrease" then
    return op
  elseif op == "between" then
    return fmt(t.value * factor) .. "–" .. with_unit(t.high * factor, unit)
  end
  local text = (OPS[op] or op .. " ") .. with_unit(t.value * factor, unit)
  if t.kind == "streak" and t.streak then text = text .. (" × %d"):format(t.streak) end
  return text
end

local function latest_text(r)
  if not r.latest then return "–" end
  local t = r.target
  local unit, factor = display_unit(t)
  if r.latest.value == nil then return r.latest.period end
  if t.kind == "milestone" or t.kind == "qualitative" then unit, factor = "", 1 end
  return ("%s (%s)"):format(with_unit(r.latest.value * factor, unit), r.latest.period)
end

local function progress_text(p)
  if p == nil then return "–" end
  return ("%d%%"):format(math.floor(p * 100 + 0.5))
end

----------------------------------------------------------------------------
-- Charts

local function xml_escape(s)
  return (tostring(s):gsub("[<>&\"]", { ["<"] = "&lt;", [">"] = "&gt;", ["&"] = "&amp;", ['"'] = "&quot;" }))
end

-- The SVG of one target: its measure's observed totals up to the as-of day
-- (running sums for a cumulative target), the target value, the deadline.
-- nil when there is nothing to draw.
local function chart_svg(r, as_of_day, lang)
  local t = r.target
  local unit, factor = display_unit(t)
  local points = {}
  local window_first = t.start and goals.period(t.start).first
  local sum = 0
  for o in t.measure:observations() do
    if o.value and not o.dimensions then
      local p = goals.period(o.period)
      if p.last <= as_of_day then
        local v = o.value
        if t.kind == "cumulative" then
          if window_first and p.last < window_first then goto continue end
          sum = sum + v
          v = sum
        end
        points[#points + 1] = { x = p.last, y = v * factor, label = o.period }
      end
    end
    ::continue::
  end
  if #points == 0 then return nil end

  local comparable = t.kind == "reach" or t.kind == "rank" or t.kind == "maintain"
                     or t.kind == "streak" or t.kind == "cumulative"
  local levels = {}
  if comparable and t.value then
    levels[#levels + 1] = t.value * factor
    if t.high then levels[#levels + 1] = t.high * factor end
  end
  local deadline = t.deadline and goals.period(t.deadline).last
  local x0, x1 = points[1].x, points[#points].x
  if t.baseline then
    local b = goals.period(t.baseline.period).last
    if b < x0 then x0 = b end
  end
  if deadline and deadline > x1 then x1 = deadline end
  if x1 == x0 then x0, x1 = x0 - 365, x1 + 365 end
  local y0, y1 = math.huge, -math.huge
  for _, p in ipairs(points) do y0, y1 = math.min(y0, p.y), math.max(y1, p.y) end
  for _, v in ipairs(levels) do y0, y1 = math.min(y0, v), math.max(y1, v) end
  local pad = (y1 - y0) * 0.1
  if pad == 0 then pad = math.abs(y1) * 0.1 + 1 end
  y0, y1 = y0 - pad, y1 + pad

  local W, H, L, R, T, B = 480, 180, 56, 16, 24, 28
  local function sx(x) return L + (x - x0) / (x1 - x0) * (W - L - R) end
  local function sy(y) return H - B - (y - y0) / (y1 - y0) * (H - T - B) end
  local out = {}
  local function add(fmtstr, ...) out[#out + 1] = fmtstr:format(...) end
  add('<svg xmlns="http://www.w3.org/2000/svg" class="goals-chart" width="%d" height="%d" viewBox="0 0 %d %d" role="img">',
      W, H, W, H)
  add("<title>%s</title>", xml_escape(t.id .. ": " .. t:title_in(lang)))
  add('<rect x="0" y="0" width="%d" height="%d" fill="white"/>', W, H)
  add('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#999"/>', L, H - B, W - R, H - B)
  add('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#999"/>', L, T, L, H - B)
  add('<text x="%d" y="%d" font-size="10" text-anchor="end">%s</text>', L - 4, T + 4, xml_escape(fmt(y1)))
  add('<text x="%d" y="%d" font-size="10" text-anchor="end">%s</text>', L - 4, H - B, xml_escape(fmt(y0)))
  add('<text x="%d" y="%d" font-size="10">%s</text>', L, 14, xml_escape(t.id .. (unit ~= "" and " (" .. unit .. ")" or "")))
  for _, v in ipairs(levels) do
    add('<line class="target" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#c33" stroke-dasharray="4 3"/>',
        L, sy(v), W - R, sy(v))
  end
  if deadline then
    add('<line class="deadline" x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#888" stroke-dasharray="2 2"/>',
        sx(deadline), T, sx(deadline), H - B)
    add('<text x="%.1f" y="%d" font-size="10" text-anchor="end">%s</text>', sx(deadline), H - B + 14,
        xml_escape(t.deadline))
  end
  local path = {}
  for _, p in ipairs(points) do path[#path + 1] = ("%.1f,%.1f"):format(sx(p.x), sy(p.y)) end
  add('<polyline class="observed" points="%s" fill="none" stroke="#236" stroke-width="2"/>', table.concat(path, " "))
  for _, p in ipairs(points) do
    add('<circle cx="%.1f" cy="%.1f" r="3" fill="#236"><title>%s: %s</title></circle>', sx(p.x), sy(p.y),
        xml_escape(p.label), xml_escape(fmt(p.y)))
  end
  add('<text x="%.1f" y="%d" font-size="10">%s</text>', sx(points[1].x), H - B + 14, xml_escape(points[1].label))
  add("</svg>")
  return table.concat(out, "\n")
end

local function chart_block(r, as_of_day, lang)
  local svg = chart_svg(r, as_of_day, lang)
  if not svg then return nil end
  local attr = pandoc.Attr("", { "goals-chart" }, { { "data-target", r.id } })
  if FORMAT:match("html") then
    return pandoc.Div({ pandoc.RawBlock("html", svg) }, attr)
  end
  -- Elsewhere an image in the media bag: docx, odt, epub … embed it.
  local name = ("goals-chart-%s.svg"):format(r.id:gsub("[^%w%-_.]", "_"))
  pandoc.mediabag.insert(name, "image/svg+xml", svg)
  return pandoc.Div({ pandoc.Para({ pandoc.Image({ pandoc.Str(r.id) }, name) }) }, attr)
end

----------------------------------------------------------------------------
-- The table

local function cell(inlines)
  return { pandoc.Plain(inlines) }
end

local function status_span(status)
  return pandoc.Span({ pandoc.Str((status:gsub("_", " "))) },
                     pandoc.Attr("", { "goals-status", "status-" .. status }, { { "data-status", status } }))
end

local function row(r, lang)
  local t = r.target
  local title = t:title_in(lang)
  local first = { pandoc.Code(t.id) }
  if title ~= "" then
    first[#first + 1] = pandoc.Space()
    first[#first + 1] = pandoc.Str(title)
  end
  return {
    cell(first),
    cell({ pandoc.Str(latest_text(r)) }),
    cell({ pandoc.Str(target_text(t)) }),
    cell({ pandoc.Str(t.deadline or "–") }),
    cell({ pandoc.Str(progress_text(r.progress)) }),
    cell({ status_span(r.status) }),
  }
end

local HEADERS = { "Target", "Latest", "Target value", "Deadline", "Progress", "Status" }

local function status_table(rows, caption)
  local headers = {}
  for i, h in ipairs(HEADERS) do headers[i] = cell({ pandoc.Str(h) }) end
  local aligns = { pandoc.AlignLeft, pandoc.AlignLeft, pandoc.AlignLeft, pandoc.AlignLeft,
                   pandoc.AlignRight, pandoc.AlignLeft }
  local widths = { 0, 0, 0, 0, 0, 0 }
  local simple = pandoc.SimpleTable(caption, aligns, widths, headers, rows)
  return pandoc.utils.from_simple_table(simple)
end

local function summary(ev, goal)
  local counts = goal and ev:goal_counts(goal) or ev.counts
  local parts = {}
  for i = #goals.statuses, 1, -1 do -- worst first
    local s = goals.statuses[i]
    if counts[s] > 0 then parts[#parts + 1] = ("%d %s"):format(counts[s], s:gsub("_", " ")) end
  end
  return table.concat(parts, ", ")
end

----------------------------------------------------------------------------
-- The filter

local function report(div)
  div_count = div_count + 1
  local attrs = {}
  for k, v in pairs(div.attributes) do attrs[k] = v end
  for k in pairs(attrs) do
    if not ATTRIBUTES[k] then
      fail(div, attrs, ("unknown attribute %q (known: as-of, caption, chart, data, goal, lang, method, params, plan)")
        :format(k))
    end
  end
  if not attrs.plan or attrs.plan == "" then fail(div, attrs, "the plan attribute is missing") end
  local as_of = attrs["as-of"] or os.date("!%Y-%m-%d")
  if not as_of:match("^%d%d%d%d%-%d%d%-%d%d$") then
    fail(div, attrs, ("as-of must be a day YYYY-MM-DD, not %q"):format(as_of))
  end
  local chart = boolean(div, attrs, "chart", false)
  local with_caption = boolean(div, attrs, "caption", true)
  local lang = attrs.lang

  -- Every libgoals error (file:line:col: message) is reported under the div's name.
  local ok, plan = pcall(goals.load, resolve(attrs.plan))
  if not ok then fail(div, attrs, plan) end
  for _, csv in ipairs(split_list(attrs.data)) do
    local lok, err = pcall(plan.load_observations, plan, resolve(csv))
    if not lok then fail(div, attrs, err) end
  end
  local params = split_list(attrs.params)
  local eok, ev = pcall(plan.evaluate, plan, { as_of = as_of, method = attrs.method, params = params })
  if not eok then fail(div, attrs, ev) end

  local goal
  if attrs.goal then
    goal = plan:goal(attrs.goal)
    if not goal then fail(div, attrs, ("the plan %s has no goal %q"):format(plan.id, attrs.goal)) end
  end

  local results = {}
  if goal then
    for t in goal:targets(true) do results[#results + 1] = ev:result(t.id) end
  else
    for r in ev:results() do results[#results + 1] = r end
  end

  local rows = {}
  for i, r in ipairs(results) do rows[i] = row(r, lang) end
  local subject = goal and goal:title_in(lang) or plan:title_in(lang)
  local caption = {}
  if with_caption then
    caption = { pandoc.Str(("%s — as of %s (%s): "):format(subject, ev.as_of, ev.method)),
                status_span(goal and ev:goal_status(goal) or ev.status),
                pandoc.Str(("; %d targets: %s"):format(#results, summary(ev, goal))) }
  end

  local blocks = { status_table(rows, caption) }
  if chart then
    local day = goals.period(as_of).last
    for _, r in ipairs(results) do
      local b = chart_block(r, day, lang)
      if b then blocks[#blocks + 1] = b end
    end
  end
  for _, b in ipairs(div.content) do blocks[#blocks + 1] = b end

  local classes = { "goals-report" }
  local out_attrs = { { "data-plan", plan.id }, { "data-as-of", ev.as_of }, { "data-method", ev.method } }
  if goal then out_attrs[#out_attrs + 1] = { "data-goal", goal.id } end
  return pandoc.Div(blocks, pandoc.Attr(div.identifier, classes, out_attrs))
end

local function Div(div)
  for _, class in ipairs(div.classes) do
    if class == "goals" then return report(div) end
  end
  return nil
end

return { { Div = Div } }
