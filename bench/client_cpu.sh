#!/usr/bin/env bash
# client_cpu.sh [BUILD_DIR] [PAIRS]: the client's CPU per call against mock-llm in another
# process, and wrk's requests/s and CPU per request on the same server for scale. The server gets
# the last CPU, the clients the others, so neither preempts the other.
#
# The client is measured two ways each time:
# - per analysis: rounds of seed-50x120's 120 calls, each round one analysis, with its ramp-up
#   (50 requests out before the first answer) and drain (the last answers awaited with nothing
#   left to send), and phase 1 between rounds;
# - sustained: rounds of 3,600 calls (the generated corpus seed-1500x3600), where ramp-up and
#   drain are a few percent: the client's rate with its 50 connections kept busy, which is what
#   wrk's requests/s is, so the comparison with wrk uses this one.
#
# With LLM_HTTP_VERSION=2 the client speaks HTTP/2 (its calls are streams on one connection), and
# the load generator beside it is nghttp2's h2load (1 connection, 50 streams) instead of wrk.
#
# One measurement on a shared virtual machine moves by a fifth from one minute to the next, so
# the clients and wrk run PAIRS times (default 3), one right after the other, and the medians
# are printed at the end: of the clients' figures, of wrk's, and of each pair's ratio (the
# sustained client's CPU per call over wrk's, measured at the same moment: the figure that
# travels best).
set -euo pipefail
build=${1:-build}
pairs=${2:-3}
if ! [[ "$pairs" =~ ^[1-9][0-9]?$ ]] || [ "$pairs" -gt 50 ]; then
  echo "client_cpu.sh: PAIRS '$pairs' must be a whole number from 1 to 50" >&2
  exit 2
fi
. "$(dirname "$0")/mock_process.sh"
work=$(mktemp -d)
trap 'kill ${mock:-} 2>/dev/null; rm -rf "$work"' EXIT
start_mock "$build" "$work/mock.log"

cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"model":"deepseek-chat","messages":[{"role":"user","content":"def test_x():\\n    assert f() == 1\\n"}]}'
wrk.headers["Content-Type"] = "application/json"
LUA
printf '%s' '{"model":"deepseek-chat","messages":[{"role":"user","content":"def test_x():\n    assert f() == 1\n"}]}' \
  >"$work/post.json"
http=${LLM_HTTP_VERSION:-1.1}
if [ "$http" = 2 ]; then
  generator=h2load label="h2load (1 thread, 1 connection, 50 streams)"
else
  generator=wrk label="wrk (1 thread, 50 connections)"
fi
have_generator=$(command -v "$generator" >/dev/null && echo yes || echo no)
[ "$have_generator" = yes ] || echo "$generator not installed: no $generator figures"

# Runs qa-bench client-cpu with the given flags, its line for people into $work/client, and
# prints its figures for the medians: calls/s, CPU per call (median round), CPU per call over all
# rounds, its kernel part.
client_figures() {
  taskset -c "$others" "$build/bin/qa-bench" client-cpu --llm-url "http://$address" --quiet "$@" \
    >"$work/client"
  local figures
  figures=$(sed -n 's/.*median round: \([0-9]*\) calls\/s; CPU per call \([0-9.]*\) us.*over all rounds \([0-9.]*\) us, of which \([0-9.]*\) us in the kernel.*/\1 \2 \3 \4/p' \
    "$work/client")
  [ -n "$figures" ] || { echo "client_cpu.sh: could not read qa-bench client-cpu's figures" >&2; exit 1; }
  echo "$figures"
}

# One line per pair in $work/pairs: the per-analysis client's four figures, the sustained
# client's four, then wrk's requests/s, CPU per request, its system part ("-" without wrk).
for pair in $(seq "$pairs"); do
  [ "$pairs" -eq 1 ] || echo "pair $pair of $pairs:"
  analysis=$(client_figures --rounds 300) || exit 1
  cat "$work/client"
  sustained=$(client_figures --scenario seed-1500x3600 --rounds 10) || exit 1
  cat "$work/client"
  # wrk: its requests/s, and its CPU (user + system, from bash's `time`) per request, which is
  # mostly the kernel's loopback TCP path that every client pays.
  wrk_figures="- - -"
  if [ "$have_generator" = yes ]; then
    TIMEFORMAT='%U %S'
    if [ "$generator" = wrk ]; then
      { time taskset -c "$others" wrk -t1 -c50 -d5s -s "$work/post.lua" \
          "http://$address/chat/completions" >"$work/wrk"; } 2>"$work/wrk.cpu"
      requests=$(sed -n 's/^ *\([0-9][0-9]*\) requests in.*/\1/p' "$work/wrk")
      rps=$(sed -n 's/^Requests\/sec: *//p' "$work/wrk")
    else
      { time taskset -c "$others" h2load -t1 -c1 -m50 -D 5 -d "$work/post.json" \
          -H 'content-type: application/json' "http://$address/chat/completions" \
          >"$work/wrk"; } 2>"$work/wrk.cpu"
      requests=$(sed -n 's/^requests: .* \([0-9][0-9]*\) succeeded.*/\1/p' "$work/wrk")
      rps=$(sed -n 's/^finished in [^,]*, \([0-9.]*\) req\/s.*/\1/p' "$work/wrk")
    fi
    read -r user_s sys_s <"$work/wrk.cpu"
    if [ -z "$requests" ] || [ "$requests" -eq 0 ]; then
      echo "$generator made no requests; its output: $(cat "$work/wrk")"
      echo "$analysis $sustained - - -" >>"$work/pairs"
      continue
    fi
    # The lines for people on stdout; the figures for the medians into $work/wrk.line.
    awk -v r="$requests" -v rps="$rps" -v u="$user_s" -v s="$sys_s" -v c="$sustained" \
        -v line="$work/wrk.line" -v label="$label" -v gen="$generator" 'BEGIN {
      split(c, k, " ")
      per = (u + s) / r * 1e6
      printf "%s: %s requests/s; CPU per request %.1f us ", label, rps, per
      printf "(user %.1f, system %.1f; %d requests)\n", u / r * 1e6, s / r * 1e6, r
      # The same machine at the same moment: the ratio travels better than either figure.
      printf "sustained client / %s CPU per call: %.2f (kernel alone: %.2f)\n", gen, k[3] / per, k[4] / (s / r * 1e6)
      printf "%s %.3f %.3f\n", rps, per, s / r * 1e6 > line }'
    wrk_figures=$(cat "$work/wrk.line")
  fi
  echo "$analysis $sustained $wrk_figures" >>"$work/pairs"
done

[ "$pairs" -gt 1 ] || exit 0
# The medians, each column on its own (the upper median for an even count).
awk -v pairs="$pairs" -v gen="$generator" '
  function median(column,   i, j, t, n, v) {
    n = 0
    for (i = 1; i <= NR; ++i) if (value[i, column] != "-") v[++n] = value[i, column] + 0
    if (n == 0) return "-"
    for (i = 2; i <= n; ++i) for (j = i; j > 1 && v[j - 1] > v[j]; --j) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
    return v[int(n / 2) + 1]
  }
  { for (c = 1; c <= NF; ++c) value[NR, c] = $c
    value[NR, 12] = $9 == "-" ? "-" : $7 / $10
    value[NR, 13] = $9 == "-" ? "-" : $8 / $11 }
  END {
    printf "median of %d pairs: client per analysis (seed-50x120 rounds) %.0f calls/s, CPU per call %.1f us (median round), %.1f us over all rounds, %.1f us of it in the kernel\n",
      pairs, median(1), median(2), median(3), median(4)
    printf "median of %d pairs: client sustained (seed-1500x3600 rounds) %.0f calls/s, CPU per call %.1f us (median round), %.1f us over all rounds, %.1f us of it in the kernel\n",
      pairs, median(5), median(6), median(7), median(8)
    if (median(9) != "-")
      printf "median of %d pairs: %s %.0f requests/s, CPU per request %.1f us, %.1f us of it in the kernel; sustained client / %s CPU per call %.2f (kernel alone %.2f)\n",
        pairs, gen, median(9), median(10), median(11), gen, median(12), median(13)
  }' "$work/pairs"
