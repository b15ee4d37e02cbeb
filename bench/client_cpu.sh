#!/usr/bin/env bash
# client_cpu.sh [BUILD_DIR]: the client's CPU per call against mock-llm in another process, and
# wrk's requests/s on the same server for scale. The server gets the last CPU, the clients the
# others, so neither preempts the other.
set -euo pipefail
build=${1:-build}
last_cpu=$(( $(nproc) - 1 ))
log=$(mktemp)
taskset -c "$last_cpu" "$build/bin/mock-llm" --port 0 >"$log" 2>&1 &
mock=$!
trap 'kill $mock 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 50); do grep -q '^listening on' "$log" && break; sleep 0.1; done
address=$(sed -n 's/^listening on //p' "$log")
[ -n "$address" ] || { echo "mock-llm did not start: $(cat "$log")"; exit 1; }
others="0-$(( last_cpu > 0 ? last_cpu - 1 : 0 ))"

client_out=$(mktemp)
taskset -c "$others" "$build/bin/qa-bench" client-cpu --llm-url "http://$address" --quiet \
  | tee "$client_out"
# The client's CPU per call over all rounds, and its kernel part, for the ratio against wrk.
client_us=$(sed -n 's/.*over all rounds \([0-9.]*\) us, of which \([0-9.]*\) us in the kernel.*/\1 \2/p' \
  "$client_out")
rm -f "$client_out"
# wrk on the same server, for scale: its requests/s, and its CPU (user + system, from bash's
# `time`) per request, which is mostly the kernel's loopback TCP path that every client pays.
if command -v wrk >/dev/null; then
  script=$(mktemp --suffix=.lua)
  out=$(mktemp)
  cat >"$script" <<'LUA'
wrk.method = "POST"
wrk.body = '{"model":"deepseek-chat","messages":[{"role":"user","content":"def test_x():\\n    assert f() == 1\\n"}]}'
wrk.headers["Content-Type"] = "application/json"
LUA
  TIMEFORMAT='%U %S'
  { time taskset -c "$others" wrk -t1 -c50 -d5s -s "$script" "http://$address/chat/completions" \
      >"$out"; } 2>"$out.cpu"
  requests=$(sed -n 's/^ *\([0-9][0-9]*\) requests in.*/\1/p' "$out")
  rps=$(sed -n 's/^Requests\/sec: *//p' "$out")
  read -r user_s sys_s <"$out.cpu"
  awk -v r="$requests" -v rps="$rps" -v u="$user_s" -v s="$sys_s" -v client="$client_us" 'BEGIN {
    printf "wrk (1 thread, 50 connections): %s requests/s; CPU per request %.1f us ", rps, (u + s) / r * 1e6
    printf "(user %.1f, system %.1f; %d requests)\n", u / r * 1e6, s / r * 1e6, r
    # The same machine at the same moment: the ratio travels better than either figure.
    split(client, c, " ")
    if (c[1] > 0 && r > 0 && u + s > 0)
      printf "client / wrk CPU per call: %.2f (kernel alone: %.2f)\n", c[1] / ((u + s) / r * 1e6), c[2] / (s / r * 1e6) }'
  rm -f "$script" "$out" "$out.cpu"
else
  echo "wrk not installed (apt-get install wrk): no wrk figure"
fi
