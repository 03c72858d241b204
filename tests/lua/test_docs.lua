-- Every ```lua block of docs/lua.md runs without error, and each
-- "--> text" comment in it is found in what the block printed ("…" stands
-- for any text; runs of white space compare equal).
local check = require "check"

local SRC = os.getenv("GOALS_SOURCE_DIR") or "."

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local function squash(s) return (s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")) end

-- A Lua pattern for expected text: literal, with "…" matching anything.
local function pattern(expected)
  local parts = {}
  for piece in (squash(expected) .. "…"):gmatch("(.-)…") do
    parts[#parts + 1] = piece:gsub("[%^%$%(%)%%%.%[%]%*%+%-%?]", "%%%0")
  end
  return table.concat(parts, ".-")
end

local tests = {}
local doc = read(SRC .. "/docs/lua.md")
local n = 0
for block in doc:gmatch("```lua\n(.-)```") do
  n = n + 1
  local index = n
  tests[#tests + 1] = { ("docs/lua.md, Lua block %d"):format(index), function()
    local out = {}
    local env = setmetatable({
      print = function(...)
        local words = table.pack(...)
        for i = 1, words.n do words[i] = tostring(words[i]) end
        out[#out + 1] = table.concat(words, " ", 1, words.n)
      end,
    }, { __index = _G })
    local chunk = assert(load(block, "=docs/lua.md block " .. index, "t", env))
    chunk()
    local printed = squash(table.concat(out, "\n"))
    for expected in block:gmatch("%-%->%s*([^\n]+)") do
      check.truthy(printed:find(pattern(expected)),
        ("block %d printed %q, without %q"):format(index, printed:sub(1, 300), expected))
    end
  end }
end
tests[#tests + 1] = { "docs/lua.md has Lua blocks", function() check.truthy(n >= 5, "at least five blocks") end }
return tests
