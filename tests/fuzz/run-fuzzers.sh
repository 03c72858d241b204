#!/usr/bin/env bash
# Runs libFuzzer targets for a long time, two at a time, niced.
#   tests/fuzz/run-fuzzers.sh BUILD SECONDS [TARGET...]
# BUILD is a build of tests/fuzz/libfuzzer (docs/fuzzing.md); TARGET defaults
# to every fuzz_* program in it. Each target grows its own corpus in
# BUILD/work/<target> (the committed seeds in corpus/<target> are read, never
# written) and keeps crashes, leaks and timeouts in BUILD/artifacts/<target>/,
# and its log in BUILD/logs/<target>.log. Fork mode keeps going after a crash.
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: run-fuzzers.sh BUILD SECONDS [TARGET...]}
seconds=${2:?usage: run-fuzzers.sh BUILD SECONDS [TARGET...]}
shift 2
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$build"/fuzz_*; do [ -x "$f" ] && targets+=("${f##*/fuzz_}"); done
fi
PARALLEL=${PARALLEL:-2}

run_one() {
  local t=$1 seeds dict=()
  seeds=$here/corpus/$t
  mkdir -p "$build/work/$t" "$build/artifacts/$t" "$build/logs"
  case $t in load|stratml|iati) dict=(-dict="$here/xml.dict") ;; esac
  nice -n 10 "$build/fuzz_$t" "$build/work/$t" "$seeds" "${dict[@]}" \
    -fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1 \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$build/artifacts/$t/" -print_final_stats=1 \
    >"$build/logs/$t.log" 2>&1
  echo "$t: done, $(ls "$build/artifacts/$t" | wc -l) artifacts (log: $build/logs/$t.log)"
}

running=0
for t in "${targets[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if [ $running -ge "$PARALLEL" ]; then wait -n; running=$((running - 1)); fi
done
wait
