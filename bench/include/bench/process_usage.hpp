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
};

// nullopt when /proc is not readable.
std::optional<ProcessUsage> process_usage();

}  // namespace bench
