#!/usr/bin/env bash
# soak_small.sh QA_BENCH DIR: the soak command on a small scale with its default fault mix. It
# must pass (exit 0: no call lost, descriptors and memory flat, no leaked connection, the limit
# held) and must have met what it is there to test: connections closed by faults and opened
# again, timed-out hangs, broken answers retried.
set -euo pipefail
bench=$1 dir=$2
rm -rf "$dir"
"$bench" soak --calls 6000 --every 2000 --concurrency 20 --quiet --out "$dir" >"$dir.stdout" || {
  cat "$dir.stdout"
  exit 1
}
python3 - "$dir/soak.json" <<'PY'
import json, sys
soak = json.load(open(sys.argv[1]))
served = soak["faults_served"]
for fault in ("429", "500", "reset", "truncated", "malformed_json", "hang"):
    assert served.get(fault, 0) > 0, f"no {fault} served: {served}"
assert soak["calls_lost"] == 0, soak["calls_lost"]
assert soak["leaked_connections"] == 0, soak["sockets_at_end"]
assert soak["connections_opened_after_warm_up"] > 0, "no connection was opened again"
assert soak["calls_ok"] >= 0.99 * soak["calls"], soak["calls_ok"]
# Says how and when it was made, like every summary.json.
made = soak["generated_by"]
assert made["command"].startswith("qa-bench soak") or " soak " in made["command"], made
assert len(made["at"]) == 20 and made["at"].endswith("Z"), made
print(f"soak: {soak['calls_ok']} of {soak['calls']} ok, "
      f"{soak['connections_opened_after_warm_up']} connections opened after the warm-up, "
      f"faults {served}, leaked {soak['leaked_connections']}")
PY
