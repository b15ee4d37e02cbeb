#!/usr/bin/env bash
# mock_conditions.sh QA_BENCH DIR: a run against the embedded mock records what the mock injected
# (conditions.mock: its faults and seed), and qa-bench compare names that condition when a run
# made under another fault mix is compared with it, while still comparing (exit 0 or 3); so is a
# baseline from a machine that woke threads much more slowly, and a level that waited for CPUs.
set -euo pipefail
bench=$1 dir=$2
rm -rf "$dir"
common=(run --scenario seed-5x7 --concurrency 2 --time-scale 0.002 --quiet)
"$bench" "${common[@]}" --out "$dir/plain" >/dev/null
"$bench" "${common[@]}" --rate-429 0.25 --seed 9 --out "$dir/faults" >/dev/null
python3 - "$dir/faults/summary.json" <<'PY'
import json, sys
mock = json.load(open(sys.argv[1]))["conditions"]["mock"]
assert mock["chaos"]["429"] == 0.25 and mock["seed"] == 9, mock
PY
status=0
"$bench" compare "$dir/plain/summary.json" "$dir/faults/summary.json" >"$dir/compare.txt" ||
  status=$?
[ "$status" -eq 0 ] || [ "$status" -eq 3 ] || { cat "$dir/compare.txt"; exit 1; }
grep -qF "note: measured under other conditions than the baseline" "$dir/compare.txt" &&
  grep -qF "conditions.mock.chaos.429: 0.0 in the baseline, 0.25 in the run" "$dir/compare.txt" &&
  grep -qF "conditions.mock.seed: 1 in the baseline, 9 in the run" "$dir/compare.txt" ||
  { echo "compare did not name the mock's conditions:"; cat "$dir/compare.txt"; exit 1; }
# The same conditions and machine: nothing to note about them (a level this machine kept
# waiting for CPUs while the test ran may still be named).
"$bench" compare "$dir/plain/summary.json" "$dir/plain/summary.json" >"$dir/same.txt"
! grep -q -e "note: measured under other conditions" -e "note: the machines" "$dir/same.txt" ||
  { cat "$dir/same.txt"; exit 1; }
# The machine's wake-ups, probed before the runs, are in the summary; a baseline from a machine
# whose woken threads ran much later is pointed out.
python3 - "$dir/plain/summary.json" "$dir/slow-machine.json" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))
machine = summary["machine"]
assert machine["samples"] == 40 and 0 <= machine["wake_us"]["p50"] <= machine["wake_us"]["p90"], machine
for run in summary["runs"]:  # null where the kernel has no /proc/pressure/cpu
    assert run["cpu_pressure_s"] is None or run["cpu_pressure_s"] >= 0, run["cpu_pressure_s"]
machine["wake_us"]["p50"] = 3 * machine["wake_us"]["p50"] + 100
json.dump(summary, open(sys.argv[2], "w"))
PY
# A level that waited for CPUs for half its makespan is named in the comparison.
python3 - "$dir/plain/summary.json" "$dir/contended.json" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))
run = summary["runs"][0]
run["cpu_pressure_s"] = run["makespan_s"] / 2
json.dump(summary, open(sys.argv[2], "w"))
PY
"$bench" compare "$dir/plain/summary.json" "$dir/contended.json" >"$dir/contended.txt" || true
grep -qF "note: the run's limit 2 (fixed): tasks on this machine waited" "$dir/contended.txt" &&
  grep -qF "(50% of its makespan)" "$dir/contended.txt" || { cat "$dir/contended.txt"; exit 1; }
"$bench" compare "$dir/slow-machine.json" "$dir/plain/summary.json" >"$dir/machine.txt" || true
grep -qF "note: the machines woke threads at different speeds" "$dir/machine.txt" &&
  grep -qF "(faster)" "$dir/machine.txt" || { cat "$dir/machine.txt"; exit 1; }
echo "conditions.mock recorded and compared"
