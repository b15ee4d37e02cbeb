#pragma once
// StatsRecorder: the live counters behind Stats. One writer (the server's io thread, or any
// thread once that thread is joined); any number of readers. A sequence lock makes snapshot()
// consistent without ever blocking the writer: the writer's hot path is a few plain atomic
// stores, a reader retries while a write is in progress. Fixed memory.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>

#include "mock_llm/errors.hpp"
#include "mock_llm/fault.hpp"
#include "mock_llm/stats.hpp"

namespace mock_llm {

class StatsRecorder {
  public:
    // Writer side.
    void on_request_read() noexcept;
    // `latency`: arrival to end of answer; `fault`/`fault_status`: what was applied, if any.
    void on_response_done(int status, std::chrono::microseconds latency, FaultKind fault,
                          int fault_status) noexcept;
    void set_queue_depth(std::int64_t depth) noexcept;
    void reset() noexcept;

    // Reader side, any thread.
    Stats snapshot() const;

  private:
    static constexpr int kFirstStatus = 100;
    static constexpr int kLastStatus = 599;
    // One counter per catalogue status, then one per other fault kind (hang .. queue_cutoff).
    static constexpr std::size_t kStatusFaultSlots = 16;
    static_assert(kErrorCatalogueSize <= kStatusFaultSlots);
    static constexpr std::size_t kFaultSlots = kStatusFaultSlots +
                                               static_cast<std::size_t>(FaultKind::queue_cutoff) -
                                               static_cast<std::size_t>(FaultKind::hang) + 1;

    static std::size_t fault_slot(FaultKind fault, int status) noexcept;

    void begin_write() noexcept;
    void end_write() noexcept;

    // Odd while a write is in progress.
    std::atomic<std::uint64_t> sequence_{0};
    std::atomic<std::uint64_t> requests_total_{0};
    std::atomic<std::int64_t> in_flight_{0};
    std::atomic<std::int64_t> max_in_flight_{0};
    std::atomic<std::int64_t> queue_depth_{0};
    std::array<std::atomic<std::uint64_t>, kLastStatus - kFirstStatus + 1> by_status_{};
    std::array<std::atomic<std::uint64_t>, kFaultSlots> by_fault_{};
    std::array<std::atomic<std::uint64_t>, LatencyHistogram::kBoundsMicros.size() + 1> latency_{};
    std::atomic<std::uint64_t> latency_sum_{0};
};

}  // namespace mock_llm
