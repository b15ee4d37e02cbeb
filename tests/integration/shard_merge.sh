#!/usr/bin/env bash
# shard_merge.sh QA_BENCH DIR: runs seed-38x91 with two strategies, two repetitions each, as 3
# shards, merges them, and checks the merged report keeps each strategy apart and accounts for
# every call, its histogram for every call too (exactly, not averaged), with one makespan per
# repetition. Then merging shards that ran other strategies is refused (exit status 2).
set -euo pipefail
bench=$1 dir=$2
rm -rf "$dir"
for i in 0 1 2; do
  "$bench" run --scenario seed-38x91 --strategy fixed,aimd --concurrency 10 --repetitions 2 \
    --time-scale 0.002 --shard "$i/3" --quiet --out "$dir/shard-$i" >/dev/null
done
"$bench" merge "$dir"/shard-{0,1,2}/summary.json --json >"$dir/merged.json"
python3 - "$dir/merged.json" <<'PY'
import json, sys
merged = json.load(open(sys.argv[1]))
runs = merged["runs"]
assert [(r["strategy"], r["concurrency"]) for r in runs] == [("fixed", 10), ("aimd", 10)], runs
for run in runs:
    assert run["calls_ok"] == 91, run["calls_ok"]
    assert run["histograms"]["total"]["count"] == 91, run["histograms"]["total"]["count"]
    assert run["repetitions"] == 2 and len(run["makespans_s"]) == 2, run["makespans_s"]
assert len(merged["merged_from"]) == 3
print("merged 91 calls of each strategy from 3 shards")
PY
# Shard 1 ran aimd alone: its summary is not a slice of the same run.
"$bench" run --scenario seed-38x91 --strategy aimd --concurrency 10 --repetitions 2 \
  --time-scale 0.002 --shard 1/3 --quiet --out "$dir/aimd-1" >/dev/null
"$(dirname "$0")/expect_exit.sh" 2 \
  "$dir/aimd-1/summary.json lacks the fixed run at concurrency 10 that $dir/shard-0/summary.json has" \
  "$bench" merge "$dir"/shard-0/summary.json "$dir"/aimd-1/summary.json "$dir"/shard-2/summary.json
# A refused merge leaves no --out folder behind; a folder that cannot be made is refused too.
"$(dirname "$0")/expect_exit.sh" 2 "lacks the fixed run" "$bench" merge \
  "$dir"/shard-0/summary.json "$dir"/aimd-1/summary.json "$dir"/shard-2/summary.json \
  --out "$dir/refused"
[ ! -e "$dir/refused" ] || { echo "a refused merge left $dir/refused behind"; exit 1; }
"$(dirname "$0")/expect_exit.sh" 2 '--out="/dev/null/x" is invalid' "$bench" merge \
  "$dir"/shard-{0,1,2}/summary.json --out /dev/null/x
