#pragma once
// The soak's verdicts as pure functions of its figures, so tests can feed them made-up ones:
// whether descriptors and memory stayed flat after the warm-up, and how many connections leaked.
// Why each bound is what it is: soak_criteria.cpp.

#include <cstddef>
#include <cstdint>
#include <span>

namespace bench {

// A strict rise at every checkpoint over at least this many (the start included) is a trend,
// whatever the allowance: five steps up in a row, which churn alone does not make.
inline constexpr std::size_t kTrendCheckpoints = 6;

// Memory the allocator may still settle into after the warm-up (its caches, pages first touched
// by rarer paths), in bytes.
inline constexpr std::int64_t kRssAllowanceBytes = std::int64_t{8} << 20;

// Descriptors that are not sockets (timers, event and epoll descriptors, files) that may be open
// at the end beyond those at the start: the soak opens none per call, so a handful at most.
inline constexpr std::int64_t kOtherDescriptorAllowance = 4;

// One figure over the checkpoints from the start (after the warm-up) to the end.
struct Flatness {
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::int64_t allowance = 0;  // end may exceed start by this much
    bool within_allowance = true;
    bool rising = false;  // rose at every checkpoint, over kTrendCheckpoints or more
    bool flat() const noexcept { return within_allowance && !rising; }
};

// `series`: the figure at each checkpoint from the start on; empty is flat.
Flatness judge_flatness(std::span<const std::int64_t> series, std::int64_t allowance);

// All descriptors that may be open at the end beyond those at the start without a leak. A
// coarse bound: the pool may still grow to `concurrency` idle connections, and the embedded
// mock holds each one's other end plus, for a moment, the ends of connections faults have just
// closed. The exact checks are the census (leaked_connections) and the descriptors that are not
// sockets (kOtherDescriptorAllowance).
std::int64_t descriptor_allowance(int concurrency, bool embedded_mock);

// The index of the start checkpoint: the first taken after `warm_up_calls` calls, else the last
// (0 when there is none).
std::size_t start_checkpoint(std::span<const std::uint64_t> calls_done,
                             std::uint64_t warm_up_calls);

// Sockets of this process, counted after the soak has drained (no call in flight).
struct SocketCensus {
    std::int64_t sockets_before = 0;  // before the client existed: the embedded mock's listener
    std::int64_t sockets_after = 0;
    std::int64_t pool_idle = 0;  // the client's keep-alive connections: with no call in flight,
                                 // the only ones it may hold
    // The embedded mock's connections (Server::open_connections); 0 for an external server.
    std::int64_t mock_connections_before = 0;
    std::int64_t mock_connections_after = 0;
    bool readable = true;  // false: /proc could not be read, so nothing above was counted
};

// Sockets open after the soak that neither the pool nor the mock accounts for: 0 without a leak.
// Negative means the count is wrong (a connection counted whose socket is closed), which could
// hide a leak as large: the soak fails on any value but 0.
std::int64_t leaked_connections(const SocketCensus& census);

}  // namespace bench
