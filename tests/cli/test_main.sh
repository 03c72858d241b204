#!/usr/bin/env bash
# The goals command's dispatch: help, version, usage errors.
source "$(dirname "$0")/lib.sh"

run goals
expect_rc 2; expect_err '^usage: goals COMMAND'; expect_no_out

for help in --help -h help; do
  run goals $help
  expect_rc 0; expect_out '^usage: goals COMMAND'; expect_out '^  validate '; expect_no_err
done

run goals help validate
expect_rc 0; expect_out '^usage: goals validate'; expect_out -- '--schema'; expect_no_err
run goals validate --help
expect_rc 0; expect_out '^usage: goals validate'; expect_no_err
run goals help frobnicate
expect_rc 2; expect_err "unknown command 'frobnicate'"; expect_no_out

# The version printed is the one in the public header, at build and at run time.
version=$(sed -n 's/^#define GOALS_VERSION_STRING "\(.*\)".*/\1/p' "$SRC/libgoals/include/goals/version.h")
[ -n "$version" ] || { echo "FAIL: no GOALS_VERSION_STRING in version.h"; exit 1; }
run goals --version
expect_rc 0; expect_out "^goals $(re "$version") \\(libgoals $(re "$version")\\)\$"; expect_no_err

run goals frobnicate a b
expect_rc 2; expect_err "^goals: unknown command 'frobnicate'\$"; expect_err '^usage: goals COMMAND'; expect_no_out
run goals --frobnicate
expect_rc 2; expect_err "unknown command '--frobnicate'"

finish
