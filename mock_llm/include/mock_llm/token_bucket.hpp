#pragma once
// TokenBucket: a bucket refilled continuously at a fixed rate up to its capacity, for the
// openai-buckets behaviour; and OpenAI's duration format of its x-ratelimit-reset-* headers.
// A plain value type; time is passed in, so tests need no clock.

#include <chrono>
#include <string>

namespace mock_llm {

class TokenBucket {
  public:
    using Clock = std::chrono::steady_clock;

    TokenBucket() = default;
    // Starts full.
    TokenBucket(double capacity, double per_second, Clock::time_point now)
        : capacity_(capacity), per_second_(per_second), level_(capacity), updated_(now) {}

    // Adds what flowed in since the last call (never past the capacity).
    void refill(Clock::time_point now) noexcept;

    double level() const noexcept { return level_; }
    double capacity() const noexcept { return capacity_; }

    // Takes `amount`; the level may go below zero, down to -capacity (a debt that delays the
    // next success, as refused requests do at OpenAI).
    void take(double amount) noexcept;
    // Gives back `amount`, never past the capacity.
    void give(double amount) noexcept;

    // How long until the level reaches `amount` at the current rate (0 if it has).
    std::chrono::microseconds time_until(double amount) const noexcept;
    std::chrono::microseconds time_until_full() const noexcept { return time_until(capacity_); }

  private:
    double capacity_ = 0;
    double per_second_ = 0;
    double level_ = 0;
    Clock::time_point updated_{};
};

// Go's duration format, as OpenAI's x-ratelimit-reset-* headers use it: "0s", "20ms", "1.5s",
// "6m0s", "1h2m3s". Sub-second values are whole milliseconds (rounded up; "1ms" at least).
std::string format_reset_duration(std::chrono::microseconds duration);

}  // namespace mock_llm
