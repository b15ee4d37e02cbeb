#!/usr/bin/env bash
# shard_merge.sh QA_BENCH DIR: runs seed-38x91 as 3 shards, merges them, and checks the merged
# report accounts for every call and its histogram for every call too (exactly, not averaged).
set -euo pipefail
bench=$1 dir=$2
rm -rf "$dir"
for i in 0 1 2; do
  "$bench" run --scenario seed-38x91 --concurrency 10 --time-scale 0.002 --shard "$i/3" --quiet \
    --out "$dir/shard-$i" >/dev/null
done
"$bench" merge "$dir"/shard-{0,1,2}/summary.json --json >"$dir/merged.json"
python3 - "$dir/merged.json" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
assert run["calls_ok"] == 91, run["calls_ok"]
assert run["histograms"]["total"]["count"] == 91, run["histograms"]["total"]["count"]
assert len(json.load(open(sys.argv[1]))["merged_from"]) == 3
print("merged 91 calls from 3 shards")
PY
