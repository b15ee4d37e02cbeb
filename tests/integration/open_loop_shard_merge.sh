#!/usr/bin/env bash
# open_loop_shard_merge.sh QA_BENCH DIR: an open loop of 10 analyses x 10 calls run whole and as
# 2 shards; the merged shards account for the whole run's calls and analyses, the slices are
# disjoint and cover every analysis, and each report describes the open loop it ran. Then an
# adaptive open loop through 429s plots its limit; every figure is well-formed SVG with no empty
# series.
set -euo pipefail
bench=$1 dir=$2
rm -rf "$dir"
load=(run --load open --analyses 10 --fanout 10 --arrivals constant --time-scale 0.01 --quiet)
"$bench" "${load[@]}" --out "$dir/whole" >/dev/null
for i in 0 1; do
  "$bench" "${load[@]}" --shard "$i/2" --out "$dir/shard-$i" >/dev/null
done
"$bench" merge "$dir"/shard-{0,1}/summary.json --out "$dir/merged" >/dev/null
"$bench" run --load open --strategy aimd --rate-429 0.3 --analyses 4 --time-scale 0.01 --quiet \
  --out "$dir/aimd" >/dev/null
python3 - "$dir" <<'PY'
import json, sys
d = sys.argv[1]
def run(name):
    return json.load(open(f"{d}/{name}/summary.json"))["runs"][0]
whole, merged = run("whole"), run("merged")
assert merged["calls_ok"] == whole["calls_ok"] == 100, (merged["calls_ok"], whole["calls_ok"])
assert merged["open_loop"] is not None, "open_loop lost in the merge"
assert merged["open_loop"]["analyses"] == whole["open_loop"]["analyses"] == 10
assert merged["open_loop"]["analysis_latency"]["count"] == 10
assert merged["histograms"]["total"]["count"] == 100
assert merged["open_loop"]["offered_per_s"] == whole["open_loop"]["offered_per_s"]
assert merged["server_max_in_flight_at_least"] <= merged["server_max_in_flight_at_most"]
slices = []
for i in (0, 1):
    summary = json.load(open(f"{d}/shard-{i}/summary.json"))
    assert summary["shard"] == {"index": i, "count": 2}, summary["shard"]
    lines = [json.loads(l) for l in open(f"{d}/shard-{i}/calls.jsonl")]
    assert len(lines) == 50, len(lines)
    slices.append({l["analysis"] for l in lines})
assert slices[0] == {0, 2, 4, 6, 8} and slices[1] == {1, 3, 5, 7, 9}, slices
conditions = json.load(open(f"{d}/whole/summary.json"))["conditions"]
assert conditions["warm_up"] is False, "an open loop has no warm-up round"
aimd = run("aimd")
assert aimd["limit_history"], "an adaptive open loop records its limit"
assert 429 in dict(aimd["attempts_by_status"])
assert all(row["strategy"] == "aimd" for row in map(json.loads, open(f"{d}/aimd/calls.jsonl")))
print("open loop: 2 shards merged into 100 calls of 10 analyses")
PY
test -e "$dir/aimd/limit.svg"
grep -q "an open loop: 10 analyses arrive on a constant schedule" "$dir/merged/report.md"
grep -q "| n/a | n/a |" "$dir/whole/report.md"
if grep -l 'points=""' "$dir"/*/*.svg; then
  echo "an empty series was drawn" >&2
  exit 1
fi
if command -v xmllint >/dev/null; then
  xmllint --noout "$dir"/*/*.svg
fi
