#pragma once
// What this process holds right now: resident memory and open file descriptors (every socket
// is one), read from /proc. For soak runs: both must stay flat.

#include <cstdint>
#include <optional>

namespace bench {

struct ProcessUsage {
    std::uint64_t rss_bytes = 0;
    std::uint64_t peak_rss_bytes = 0;
    int open_fds = 0;
    int open_sockets = 0;  // the descriptors among open_fds that are sockets
};

// nullopt when /proc is not readable.
std::optional<ProcessUsage> process_usage();

// CPU time (user + system) the calling thread has used. The harness runs a level's client on
// the calling thread and the embedded mock on its own, so the difference over a run is the
// client's CPU alone.
double thread_cpu_seconds();

// The system (kernel) part of the calling thread's CPU time, from getrusage(RUSAGE_THREAD). It
// is brought up to date only at a tick or a switch, so a difference over a few milliseconds is
// off by up to a tick; summed over many such runs the errors cancel out.
double thread_system_cpu_seconds();

}  // namespace bench
