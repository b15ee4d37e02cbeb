#!/usr/bin/env python3
"""profile_breakdown.py [--cpu-us-per-call US] < perf-script-output

Where the client's CPU goes during phase 2 (the LLM calls), from `perf script` output of
qa-bench recorded with call graphs (bench/client_profile.sh makes it). Every sample whose stack
runs through bench's run_phase (and not run_phase1, the rules) is put in one part: the part of
the innermost frame that names one, walking from the sampled frame outwards, so an allocation
made while building a request counts as building the request. Samples in the kernel and in user
space are split first: on loopback, the kernel part also holds the server's receive path, which
the sender's CPU runs, and waking the server's thread.

Where perf has no hardware counter (a virtual machine), it samples on a timer interrupt, which
cannot fire while interrupts are off: such time is charged where they are turned back on. Waking
a thread ends so (the wait queue's lock is taken with interrupts off), so its part may hold some
of the time spent with interrupts off just before it, in the same softirq.

With --cpu-us-per-call, each part is also given in microseconds per call: its share of that
figure, which qa-bench client-cpu prints (client_profile.sh takes it from a run without perf,
whose sampling adds to the CPU it measures).
"""

import argparse
import re
import sys

# (part, pattern over one frame's symbol), innermost match wins. Kernel parts first.
KERNEL_PARTS = [
    ("send: waking the server's thread",
     re.compile(r"^(sock_def_readable|ep_poll_callback|__wake_up\w*|try_to_wake_up|ttwu_\w+)$")),
    ("send: the server's receive path (run by the sender on loopback)",
     re.compile(r"^(tcp_v4_rcv|tcp_v4_do_rcv|ip_rcv\w*|ip_local_deliver\w*|__netif_receive_skb\w*|"
                r"process_backlog|net_rx_action|__napi_poll|handle_softirqs|__do_softirq|"
                r"do_softirq\w*)$")),
    ("send: the client's own transmit",
     re.compile(r"^(tcp_sendmsg\w*|__sys_sendmsg|___sys_sendmsg|____sys_sendmsg|__x64_sys_sendmsg|"
                r"sock_sendmsg|__sys_sendto)$")),
    ("receive: recv system calls",
     re.compile(r"^(tcp_recvmsg\w*|__sys_recvfrom|__x64_sys_recvfrom|sock_recvmsg|__sys_recvmsg|"
                r"____sys_recvmsg)$")),
    ("waiting: epoll_wait and scheduling",
     re.compile(r"^(do_epoll_wait|__x64_sys_epoll_wait|ep_poll|schedule|__schedule)$")),
]
USER_PARTS = [
    ("building the request",
     re.compile(r"RequestBodyWriter|append_request_json|append_json_quoted|append_json_string")),
    ("parsing the HTTP answer",
     re.compile(r"parse_buffered|basic_parser|HttpAnswerParser|parse_server_time|parse_retry_after")),
    ("parsing the answer's JSON", re.compile(r"ChatResponseParser|simdjson")),
    ("call records and metrics",
     re.compile(r"LatencyHistogram|CallMetrics|record_attempt|AttemptRecord")),
    ("the limiter, gather and flow controls",
     re.compile(r"AsyncSemaphore|SemaphorePermit|gather|FlowSet|LimitController|TokenBucket|"
                r"RetryBudget|run_parallel_calls")),
    ("the call's own steps (runner, client, pool, deadline)",
     re.compile(r"LlmCallRunner|HttpLlmClient|ConnectionPool|PooledConnection|ExchangeDeadline|"
                r"DeadlineWatch|send_now|send_what_fits|async_read_http|CallOutcome")),
    # Checked first on each frame (see USER_MATCH_ORDER): Asio's frames name the project's
    # types in their template arguments.
    ("Asio: posting, awaiting and resuming coroutines, the reactor",
     re.compile(r"^(boost::asio::|_ZN5boost4asio|_ZZN5boost4asio)")),
]
USER_MATCH_ORDER = USER_PARTS[-1:] + USER_PARTS[:-1]
KERNEL_OTHER = "other kernel work (interrupts, page faults, timers)"
USER_OTHER = "the rest (the C++ and C libraries called from the loop, the harness)"
ALLOCATOR = re.compile(r"^(operator new|operator delete|_Zn[wa]m|_Zd[la]Pv|malloc|free|mi_\w+|"
                       r"__libc_malloc|__libc_free|_int_malloc|_int_free)")

FRAME = re.compile(r"^\s+[0-9a-f]+ (.*) \((.*)\)$")
OFFSET = re.compile(r"\+0x[0-9a-f]+$")


def read_samples(lines):
    """Yields each sample's frames as (symbol, object) pairs, innermost first."""
    frames = []
    for line in lines:
        if not line.strip():
            if frames:
                yield frames
            frames = []
            continue
        if not line[0].isspace():
            frames = []  # a sample's header line
            continue
        match = FRAME.match(line.rstrip("\n"))
        if match:
            frames.append((OFFSET.sub("", match.group(1)), match.group(2)))
    if frames:
        yield frames


def in_phase2(frames):
    symbols = [symbol for symbol, _ in frames]
    return (any(re.search(r"\brun_phase\b", s) for s in symbols)
            and not any("run_phase1" in s for s in symbols))


def part_of(frames, parts, other):
    for symbol, _ in frames:
        for name, pattern in parts:
            if pattern.search(symbol):
                return name
    return other


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cpu-us-per-call", type=float, default=None)
    args = parser.parse_args()
    if args.cpu_us_per_call is not None and not 0 < args.cpu_us_per_call < 1e6:
        parser.error(f"--cpu-us-per-call {args.cpu_us_per_call:g} is out of range: allowed is "
                     "above 0 and below 1000000")  # exits with status 2

    counts = {}
    kernel = user = allocator = 0
    for frames in read_samples(sys.stdin):
        if not in_phase2(frames):
            continue
        if "kernel" in frames[0][1]:
            kernel += 1
            name = part_of(frames, KERNEL_PARTS, KERNEL_OTHER)
        else:
            user += 1
            name = part_of(frames, USER_MATCH_ORDER, USER_OTHER)
            if ALLOCATOR.match(frames[0][0]):
                allocator += 1
        counts[name] = counts.get(name, 0) + 1

    total = kernel + user
    if total == 0:
        sys.exit("profile_breakdown.py: no sample ran phase 2 (bench's run_phase): was perf "
                 "recording qa-bench client-cpu with call graphs (--call-graph dwarf)?")
    per_call = args.cpu_us_per_call

    def row(name, count, indent):
        share = 100.0 * count / total
        us = f"{share / 100 * per_call:9.2f}" if per_call is not None else ""
        print(f"{' ' * indent}{name:<{70 - indent}}{share:6.1f}%{us}")

    header = "us per call" if per_call is not None else ""
    print(f"phase 2: {total} samples{'' if per_call is None else f', {per_call:.1f} us of CPU per call'}")
    print(f"{'part':<70} share {header}")
    row("kernel", kernel, 0)
    for name, _ in KERNEL_PARTS + [(KERNEL_OTHER, None)]:
        row(name, counts.get(name, 0), 2)
    row("user space", user, 0)
    for name, _ in USER_PARTS + [(USER_OTHER, None)]:
        row(name, counts.get(name, 0), 2)
    print(f"(in the allocator, wherever called from: {100.0 * allocator / total:.1f}% of all)")


if __name__ == "__main__":
    main()
