#!/usr/bin/env bash
# mock_scale.sh [BUILD_DIR] [CONNECTIONS] [SECONDS]: the mock holding many slow requests at
# once (issue 3's budget: 10,000 connections, each with a request in flight delayed 1 s:
# median latency <= 1.05 s, p99 <= 1.25 s, peak RSS under 200 MB). wrk keeps every connection
# busy; the mock's peak RSS is read from /proc when wrk is done.
set -euo pipefail
build=${1:-build}
connections=${2:-10000}
seconds=${3:-10}
command -v wrk >/dev/null || {
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends wrk
}
# Both ends need a descriptor per connection, and some to spare.
ulimit -n $(( connections + 1024 )) 2>/dev/null || {
  echo "cannot raise the open-file limit to $(( connections + 1024 )) (ulimit -Hn: $(ulimit -Hn))" >&2
  exit 2
}
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
. "$(dirname "$0")/mock_process.sh"

start_mock "$build" "$work/mock.log" --latency-ms 1000
pids+=("$mock")
cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"model":"deepseek-chat","messages":[{"role":"user","content":"def test_x():\\n    assert f() == 1\\n"}]}'
wrk.headers["Content-Type"] = "application/json"
LUA
taskset -c "$others" wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency \
  -s "$work/post.lua" "http://$address/chat/completions" | tee "$work/wrk.txt"
peak_kb=$(awk '/^VmHWM/ {print $2}' "/proc/$mock/status")
errors=$(grep -E 'Socket errors|Non-2xx' "$work/wrk.txt" || true)
median=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
echo "connections $connections: median $median, p99 $p99 (budget 1.05 s / 1.25 s); mock peak RSS $(( peak_kb / 1024 )) MB (budget < 200 MB)${errors:+; $errors}"
