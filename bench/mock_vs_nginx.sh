#!/usr/bin/env bash
# mock_vs_nginx.sh [BUILD_DIR] [SECONDS] [ROUNDS]: the mock's throughput against nginx's, measured
# in the same run (issue 3's budget: at least 80% of nginx), and the mock's CPU per request.
#   Both serve the same completion body: nginx from a file with one worker, mock-llm at zero
#   latency. wrk (1 thread, 50 connections, keep-alive) posts the same request to each, ROUNDS
#   times (default 5) in alternation. Each round's ratio compares two runs seconds apart, so the
#   median of those ratios is the figure (a shared VM's speed drifts between rounds); the medians
#   of the rates are printed beside it. Servers on the last CPU, wrk on the others.
# Needs nginx and wrk (Debian packages; installed here if missing).
set -euo pipefail
build=${1:-build}
seconds=${2:-5}
rounds=${3:-5}
for value in "SECONDS=$seconds" "ROUNDS=$rounds"; do
  [[ "${value#*=}" =~ ^[1-9][0-9]{0,3}$ ]] ||
    { echo "mock_vs_nginx.sh: ${value%%=*} must be an integer in 1..9999, got '${value#*=}'" >&2; exit 2; }
done
missing=()
command -v nginx >/dev/null || missing+=(nginx-light)
command -v wrk >/dev/null || missing+=(wrk)
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
work=$(mktemp -d)
chmod 755 "$work"  # nginx workers may run as www-data
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
. "$(dirname "$0")/mock_process.sh"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The mock, and the body it answers with (nginx will serve exactly these bytes).
start_mock "$build" "$work/mock.log"
pids+=("$mock")
mock_address=$address
request='{"model":"deepseek-chat","messages":[{"role":"user","content":"def test_x():\n    assert f() == 1\n"}]}'
mkdir -p "$work/www/chat"
curl -sf -H 'Content-Type: application/json' -d "$request" \
  "http://$mock_address/chat/completions" >"$work/www/chat/completions"

chmod -R a+rX "$work/www"
# nginx's return text: its quoted strings take \\ and \' as escapes, and a $ would start a
# variable, so refuse one.
if grep -q '[$]' "$work/www/chat/completions"; then
  echo "the mock's body holds a \$, which nginx's return cannot serve verbatim" >&2; exit 1
fi
inline=$(python3 -c 'import sys; print(sys.stdin.read().replace("\\", "\\\\").replace("'"'"'", "\\'"'"'"))' \
  <"$work/www/chat/completions")
nginx_port=$(free_port)
cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$nginx_port;
    # The body inline (no file read per request), as fast as nginx answers anything.
    location = /chat/completions { default_type application/json; return 200 '$inline'; }
  }
}
NGINX
taskset -c "$last_cpu" nginx -c "$work/nginx.conf" &
pids+=("$!")
for _ in $(seq 50); do curl -sf -d x "http://127.0.0.1:$nginx_port/chat/completions" >/dev/null && break; sleep 0.1; done
cmp -s <(curl -sf -d "$request" "http://127.0.0.1:$nginx_port/chat/completions") \
  "$work/www/chat/completions" || { echo "nginx does not serve the mock's body" >&2; exit 1; }

cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.body = [[$request]]
wrk.headers["Content-Type"] = "application/json"
LUA
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# wrk URL -> requests/s
requests_per_s() {
  taskset -c "$others" wrk -t1 -c50 -d"${seconds}s" -s "$work/post.lua" "$1" |
    awk '/^Requests\/sec/ {print $2}'
}
median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

nginx_runs=() mock_runs=() mock_us=() ratios=()
ticks_per_s=$(getconf CLK_TCK)
for round in $(seq "$rounds"); do
  nginx_runs+=("$(requests_per_s "http://127.0.0.1:$nginx_port/chat/completions")")
  before=$(cpu_ticks "$mock")
  rps=$(requests_per_s "http://$mock_address/chat/completions")
  after=$(cpu_ticks "$mock")
  mock_runs+=("$rps")
  mock_us+=("$(awk -v t=$((after - before)) -v hz="$ticks_per_s" -v r="$rps" -v s="$seconds" \
    'BEGIN {printf "%.1f", t / hz * 1e6 / (r * s)}')")
  ratios+=("$(awk -v m="$rps" -v n="${nginx_runs[-1]}" 'BEGIN {printf "%.3f", m / n}')")
  echo "round $round: nginx ${nginx_runs[-1]}/s, mock ${mock_runs[-1]}/s (mock/nginx ${ratios[-1]}, ${mock_us[-1]} us CPU per request)"
done
nginx_median=$(printf '%s\n' "${nginx_runs[@]}" | median)
mock_median=$(printf '%s\n' "${mock_runs[@]}" | median)
us_median=$(printf '%s\n' "${mock_us[@]}" | median)
ratio_median=$(printf '%s\n' "${ratios[@]}" | median)
awk -v m="$mock_median" -v n="$nginx_median" -v u="$us_median" -v r="$ratio_median" -v k="$rounds" 'BEGIN {
  printf "median of %d rounds: mock/nginx = %.2f (budget >= 0.80; the medians of the rates: mock %.0f/s, nginx %.0f/s); mock CPU %.1f us per request (budget < 20)\n", k, r, m, n, u }'
