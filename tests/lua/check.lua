-- Assertions for the Lua tests: each raises an error naming what differed.
local check = {}

local function fail(msg, level) error(msg, (level or 1) + 2) end

function check.eq(got, want, what)
  if got ~= want then
    fail(("%s: got %s, want %s"):format(what or "value", tostring(got), tostring(want)))
  end
end

-- Numbers equal within a relative tolerance (default 1e-9).
function check.near(got, want, what, tol)
  tol = tol or 1e-9
  if type(got) ~= "number" or math.abs(got - want) > tol * math.max(1, math.abs(want)) then
    fail(("%s: got %s, want %.17g"):format(what or "number", tostring(got), want))
  end
end

function check.truthy(v, what)
  if not v then fail((what or "condition") .. " is false") end
end

-- Runs fn, which must raise; returns the error value.
function check.raises(fn, what)
  local ok, err = pcall(fn)
  if ok then fail((what or "call") .. " did not raise") end
  return err
end

-- Whether text contains plain (not pattern) needle.
function check.contains(text, needle, what)
  if type(text) ~= "string" or not text:find(needle, 1, true) then
    fail(("%s: %q does not contain %q"):format(what or "text", tostring(text), needle))
  end
end

return check
