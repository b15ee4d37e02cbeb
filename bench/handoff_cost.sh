#!/usr/bin/env bash
# handoff_cost.sh [BUILD_DIR]: what one hand-off between client and server costs on this machine.
#
# Times every send system call of the client (qa-bench) and of mock-llm (in another process,
# 5 ms latency) with the kernel's syscall trace events, at limit 1, where every request and every
# answer wakes a thread that sleeps, and at limit 50, where a round's burst keeps both threads
# running. A send on loopback also runs the receiver's TCP path and wakes its thread, so the
# difference between the two is mostly the price of waking a sleeping thread here (perf puts it
# inside the wake-up in sock_def_readable). At limit 1 it is paid twice per call, on the path
# the makespan measures. Needs root and tracefs.
set -euo pipefail
build=${1:-build}
tracing=/sys/kernel/tracing
[ -w "$tracing/trace" ] || { echo "handoff_cost.sh: needs root and tracefs at $tracing" >&2; exit 2; }
events=(syscalls/sys_enter_sendmsg syscalls/sys_exit_sendmsg)
for event in "${events[@]}"; do
  [ -w "$tracing/events/$event/enable" ] ||
    { echo "handoff_cost.sh: this kernel has no trace event $event" >&2; exit 2; }
done
. "$(dirname "$0")/mock_process.sh"
log=$(mktemp)
trace=$(mktemp)

was_on=$(cat "$tracing/tracing_on")
set_events() {
  for event in "${events[@]}"; do echo "$1" >"$tracing/events/$event/enable"; done
}
trap 'set_events 0 || true; echo "$was_on" >"$tracing/tracing_on" || true
      kill ${mock:-} 2>/dev/null; rm -f "$log" "$trace"' EXIT
start_mock "$build" "$log" --latency-ms 5

echo "send system calls (sendmsg), microseconds: median, 10th-90th percentile (count)"
for limit in 1 50; do
  echo 0 >"$tracing/tracing_on"
  : >"$tracing/trace"
  set_events 1
  echo 1 >"$tracing/tracing_on"
  taskset -c "$others" "$build/bin/qa-bench" run --scenario seed-38x91 --concurrency "$limit" \
    --llm-url "http://$address" --repetitions 3 --quiet >/dev/null
  echo 0 >"$tracing/tracing_on"
  set_events 0
  cp "$tracing/trace" "$trace"
  # Each line: "COMM-PID [CPU] FLAGS SECONDS: sys_sendmsg(...)" on entry, "sys_sendmsg -> N" on
  # exit; an exit pairs with its thread's entry.
  for program in qa-bench mock-llm; do
    awk -v program="$program" '
      $1 ~ "^" program "-[0-9]+$" {
        pid = substr($1, length(program) + 2); t = $4; sub(":", "", t)
        if ($5 ~ /^sys_sendmsg\(/) start[pid] = t
        else if ($5 == "sys_sendmsg" && (pid in start)) { print (t - start[pid]) * 1e6; delete start[pid] }
      }' "$trace" | sort -n | awk -v program="$program" -v limit="$limit" '
      { d[NR] = $1 }
      END {
        if (NR == 0) { printf "limit %2d  %-8s no sends traced\n", limit, program; exit }
        p90 = int(NR * 0.9) + 1
        if (p90 > NR) p90 = NR
        printf "limit %2d  %-8s %6.1f  %6.1f-%-6.1f (%d)\n", limit, program, d[int((NR + 1) / 2)],
               d[int(NR * 0.1) + 1], d[p90], NR }'
  done
done
