-- A small test runner of our own (no busted needed): it runs every test
-- file named on the command line and ends with the line "N passed, N failed".
-- Exit status 0 when nothing failed, 1 otherwise.
--
--   lua5.4 tests/lua/run.lua tests/lua/test_api.lua ...
--
-- A test file returns a list of {name, function} pairs (see check.lua for the
-- assertions). A test passes when its function returns without raising.

local passed, failed = 0, 0

local function report_failure(file, name, err)
  failed = failed + 1
  io.stdout:write(("FAIL %s: %s\n     %s\n"):format(file, name, tostring(err)))
end

for _, file in ipairs(arg) do
  local chunk, load_err = loadfile(file)
  local ok, tests = false, load_err
  if chunk then ok, tests = pcall(chunk) end
  if not ok or type(tests) ~= "table" then
    report_failure(file, "(loading the file)", tests)
  else
    for _, t in ipairs(tests) do
      local name, fn = t[1], t[2]
      local tok, terr = xpcall(fn, debug.traceback)
      if tok then
        passed = passed + 1
        io.stdout:write(("ok   %s: %s\n"):format(file:match("[^/]*$"), name))
      else
        report_failure(file, name, terr)
      end
    end
  end
end

io.stdout:write(("%d passed, %d failed\n"):format(passed, failed))
os.exit(failed == 0 and passed > 0 and 0 or 1)
