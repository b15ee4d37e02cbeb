// The soak's criteria. A soak under connection-closing faults churns: resets, truncated answers
// and timed-out hangs close connections, the next calls open new ones, and the embedded mock's
// sessions end a moment after their clients leave. So the number of open descriptors moves
// between checkpoints without any leak (20, 26, 26, 27, 24 against an external mock), and
// "the last no higher than the first" raised false alarms. Instead:
//
// - The start figure is taken after a warm-up, once the pool has grown to its working size and
//   the allocator to its working set.
// - The end may exceed the start by what churn can explain: at a checkpoint no call is in
//   flight, so the client holds only idle connections, at most one per slot of its limit,
//   each with the mock's end when the mock is in this process, and the mock may not yet have
//   noticed the connections faults just closed. More is growth. That bound is coarse; the
//   descriptors that are not sockets get a tight one, as the soak opens none of them per call.
// - A figure that rises at every checkpoint over kTrendCheckpoints or more is a trend even
//   inside the allowance: churn goes up and down, a leak only up.
// - Leaked connections are counted exactly, after the run: sockets open in the process minus
//   those open before the client existed, minus the pool's idle connections and the mock's
//   open connections. Any left over belongs to nobody.
#include "bench/soak_criteria.hpp"

namespace bench {

Flatness judge_flatness(std::span<const std::int64_t> series, std::int64_t allowance) {
    Flatness verdict;
    verdict.allowance = allowance;
    if (series.empty())
        return verdict;
    verdict.start = series.front();
    verdict.end = series.back();
    verdict.within_allowance = verdict.end <= verdict.start + allowance;
    bool every_step_up = true;
    for (std::size_t i = 1; i < series.size(); ++i)
        every_step_up = every_step_up && series[i] > series[i - 1];
    verdict.rising = series.size() >= kTrendCheckpoints && every_step_up;
    return verdict;
}

std::int64_t descriptor_allowance(int concurrency, bool embedded_mock) {
    return std::int64_t{concurrency} * (embedded_mock ? 2 : 1);
}

std::size_t start_checkpoint(std::span<const std::uint64_t> calls_done,
                             std::uint64_t warm_up_calls) {
    for (std::size_t i = 0; i < calls_done.size(); ++i) {
        if (calls_done[i] >= warm_up_calls)
            return i;
    }
    return calls_done.empty() ? 0 : calls_done.size() - 1;
}

std::int64_t leaked_connections(const SocketCensus& census) {
    const std::int64_t mock_held = census.mock_connections_after - census.mock_connections_before;
    return census.sockets_after - census.sockets_before - census.pool_idle - mock_held;
}

}  // namespace bench
