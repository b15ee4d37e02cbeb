#!/usr/bin/env bash
# mock_ipv6_address.sh MOCK_LLM: mock-llm on ::1 announces "listening on [::1]:PORT", an address
# usable after http:// as it stands; a request through it reaches the mock. Skipped (77) where
# the machine has no IPv6 loopback.
set -u
mock=$1
log=$(mktemp)
"$mock" --host ::1 --port 0 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 50); do
  grep -q '^listening on' "$log" && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.1
done
if ! grep -q '^listening on' "$log"; then
  grep -q 'cannot listen' "$log" && { echo "no IPv6 loopback here: $(cat "$log")"; exit 77; }
  echo "mock-llm did not start: $(cat "$log")"
  exit 1
fi
address=$(sed -n 's/^listening on //p' "$log")
[[ $address =~ ^\[::1\]:[0-9]+$ ]] || { echo "announced '$address', expected [::1]:PORT"; exit 1; }
python3 - "$address" <<'PY' || exit 1
import json, sys, urllib.request
stats = json.load(urllib.request.urlopen(f"http://{sys.argv[1]}/_mock/stats", timeout=5))
assert "requests_total" in stats, stats
print("stats reached through", sys.argv[1])
PY
