#!/usr/bin/env bash
# client_profile.sh [BUILD_DIR]: where the client's CPU goes, per call, by part: perf samples
# qa-bench client-cpu (against mock-llm in another process, as client_cpu.sh runs it) with call
# graphs, and bench/profile_breakdown.py splits phase 2's samples into the kernel's parts (the
# client's transmit, the server's receive path that the sender runs on loopback, waking the
# server, receiving, waiting) and user space's (building the request, parsing the answer's HTTP
# and JSON, records, the limiter, the call's own steps, Asio's machinery), each as a share and
# in microseconds of the CPU per call measured just before without perf.
# Needs perf (apt-get install linux-perf) allowed to sample this user's processes.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
command -v perf >/dev/null ||
  { echo "client_profile.sh: needs perf (apt-get install linux-perf)" >&2; exit 2; }
paranoid=$(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null || echo 4)
if [ "$(id -u)" -ne 0 ] && [ "$paranoid" -gt 1 ]; then
  echo "client_profile.sh: perf may not sample here (kernel.perf_event_paranoid is $paranoid;" \
       "run as root or set it to 1)" >&2
  exit 2
fi
. "$root/bench/mock_process.sh"
work=$(mktemp -d)
trap 'kill ${mock:-} 2>/dev/null; rm -rf "$work"' EXIT
start_mock "$build" "$work/mock.log"

# First without perf, for the CPU per call that the shares are given in (sampling with call
# graphs adds a third to it here); then with perf: 5,000 samples a second with 8 KiB of stack
# each, about 6,000 samples of phase 2 and 150 MB of data. --no-inline unwinds in seconds
# rather than minutes (inlined frames would each ask addr2line); the parts match the outer
# functions as well.
client=(taskset -c "$others" "$build/bin/qa-bench" client-cpu --llm-url "http://$address"
        --quiet --rounds 300)
echo "without perf:"
"${client[@]}" | tee "$work/client"
cpu_us=$(sed -n 's/.*over all rounds \([0-9.]*\) us, of which.*/\1/p' "$work/client")
[ -n "$cpu_us" ] || { echo "client_profile.sh: could not read the CPU per call" >&2; exit 1; }
echo "with perf:"
perf record --quiet --call-graph dwarf,8192 -F 5000 -o "$work/perf.data" "${client[@]}"
perf script -i "$work/perf.data" --no-inline 2>/dev/null |
  python3 "$root/bench/profile_breakdown.py" --cpu-us-per-call "$cpu_us"
