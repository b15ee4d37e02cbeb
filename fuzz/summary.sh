#!/usr/bin/env bash
# fuzz/summary.sh BUILD_DIR: one line per fuzz target of the last ctest run in BUILD_DIR, with
# the inputs libFuzzer executed and the seconds it ran (from -print_final_stats), so a CI log
# says how much fuzzing a run did, not only that it passed.
set -euo pipefail
log="${1:?usage: fuzz/summary.sh BUILD_DIR}/Testing/Temporary/LastTest.log"
[ -r "$log" ] || { echo "fuzz/summary.sh: no ctest log at $log" >&2; exit 1; }
awk '
  /^[0-9]+\/[0-9]+ Test: fuzz\./ { sub(/^[0-9]+\/[0-9]+ Test: /, ""); name = $0 }
  /^stat::number_of_executed_units:/ { runs[name] = $2 }
  /^Test time = / && name != "" { secs[name] = $4; order[++n] = name; name = "" }
  END {
    for (i = 1; i <= n; i++) {
      t = order[i]
      printf "%-20s %12s inputs in %6s s\n", t, (t in runs ? runs[t] : "?"), secs[t]
      total += runs[t]
    }
    printf "%-20s %12d inputs\n", "all targets", total
  }' "$log"
