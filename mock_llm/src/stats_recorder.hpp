#pragma once
// StatsRecorder: the live counters behind Stats. One writer (the server's io thread, or any
// thread once that thread is joined); any number of readers. A sequence lock makes snapshot()
// consistent without ever blocking the writer: the writer's hot path is a few plain atomic
// stores, a reader retries while a write is in progress.

#include <array>
#include <atomic>
#include <cstdint>

#include "mock_llm/stats.hpp"

namespace mock_llm {

class StatsRecorder {
  public:
    // Writer side.
    void on_request_read() noexcept;
    void on_response_done(int status) noexcept;
    void reset() noexcept;

    // Reader side, any thread.
    Stats snapshot() const;

  private:
    static constexpr int kFirstStatus = 100;
    static constexpr int kLastStatus = 599;

    void begin_write() noexcept;
    void end_write() noexcept;

    // Odd while a write is in progress.
    std::atomic<std::uint64_t> sequence_{0};
    std::atomic<std::uint64_t> requests_total_{0};
    std::atomic<std::int64_t> in_flight_{0};
    std::atomic<std::int64_t> max_in_flight_{0};
    std::array<std::atomic<std::uint64_t>, kLastStatus - kFirstStatus + 1> by_status_{};
};

}  // namespace mock_llm
