#!/usr/bin/env bash
# bad_summaries.sh QA_BENCH BASELINE DIR: compare and merge given what is not a summary (a
# directory, no file, not JSON, JSON of the wrong shape or types) exit with status 2 and a
# message naming the path, never abort. A run that lost levels of the baseline breaches (3);
# one with no levels, no ratio or another time scale cannot be compared (2).
set -u
bench=$1 baseline=$2 dir=$3
expect=$(dirname "$0")/expect_exit.sh
rm -rf "$dir" && mkdir -p "$dir" || exit 1
python3 - "$baseline" "$dir" <<'PY' || exit 1
import copy, json, sys
base, out = json.load(open(sys.argv[1])), sys.argv[2]
def variant(name, change):
    doc = copy.deepcopy(base)
    change(doc)
    json.dump(doc, open(f"{out}/{name}.json", "w"))
variant("ratio-x", lambda d: d["runs"][0].update(ratio="x"))
variant("concurrency-ten", lambda d: d["runs"][0].update(concurrency="ten"))
variant("runs-number", lambda d: d.update(runs=[5]))
variant("no-ratio", lambda d: [r.pop("ratio") for r in d["runs"]])
variant("no-runs", lambda d: d.update(runs=[]))
variant("only-10", lambda d: d.update(runs=[r for r in d["runs"] if r["concurrency"] == 10]))
variant("time-scale", lambda d: d.update(time_scale=0.01))
open(f"{out}/not-json.json", "w").write("{\"runs\": [")
open(f"{out}/empty.json", "w").write("")
open(f"{out}/array.json", "w").write("[1, 2]")
PY
failed=0
check() {
  "$expect" "$@" || { failed=1; echo "  (case: ${*:3})"; }
}
# Either command, the bad file in either place: exit 2 and the path in the message.
for command in compare merge; do
  check 2 "cannot read $dir: it is a directory" "$bench" "$command" "$baseline" "$dir"
  check 2 "cannot read $dir/none.json: No such file" "$bench" "$command" "$baseline" "$dir/none.json"
  check 2 "$dir/not-json.json is not JSON: " "$bench" "$command" "$dir/not-json.json" "$baseline"
  check 2 "$dir/empty.json is not JSON: " "$bench" "$command" "$baseline" "$dir/empty.json"
  check 2 "$dir/array.json: not a qa-bench summary" "$bench" "$command" "$baseline" "$dir/array.json"
  check 2 "$dir/ratio-x.json: the fixed run at concurrency 1: \"ratio\" is \"x\"" \
    "$bench" "$command" "$baseline" "$dir/ratio-x.json"
  check 2 "$dir/concurrency-ten.json: runs[0]: \"concurrency\" is \"ten\"" \
    "$bench" "$command" "$baseline" "$dir/concurrency-ten.json"
  check 2 "$dir/runs-number.json: runs[0]: is 5, not a run" \
    "$bench" "$command" "$dir/runs-number.json" "$baseline"
done
# What the gate must not pass.
check 2 "the run has no levels" "$bench" compare "$baseline" "$dir/no-runs.json"
check 2 "the run: the fixed run at concurrency 1: no \"ratio\"" \
  "$bench" compare "$baseline" "$dir/no-ratio.json"
check 2 "ratios at different time scales do not compare" \
  "$bench" compare "$baseline" "$dir/time-scale.json"
check 3 "FAIL        1  present in the run" "$bench" compare "$baseline" "$dir/only-10.json"
check 3 "2 of 4 checks failed" "$bench" compare "$baseline" "$dir/only-10.json"
[ "$failed" -eq 0 ] && echo "every bad summary refused"
