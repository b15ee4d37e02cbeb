#pragma once
// RetryBudget: retries may add at most `ratio` of the calls made, but never fewer than a small
// reserve, so a lone call can still retry (Envoy's retry budget has the same floor; Finagle's
// and gRPC's work alike). When a provider is down,
// a fan-out then adds 10% load instead of multiplying it by the retry count.
// Thread safety: none; one io_context thread.

#include <cstdint>

namespace qa {

class RetryBudget {
  public:
    // 0 <= ratio <= 1; at least `reserve` retries are allowed, whatever the ratio.
    RetryBudget(double ratio, std::uint64_t reserve);

    void on_call() noexcept { ++calls_; }
    // Spends one retry if the budget allows; false means: do not retry.
    bool try_spend() noexcept;

    std::uint64_t spent() const noexcept { return spent_; }
    std::uint64_t denied() const noexcept { return denied_; }
    std::uint64_t allowed() const noexcept;

  private:
    double ratio_;
    std::uint64_t reserve_;
    std::uint64_t calls_ = 0;
    std::uint64_t spent_ = 0;
    std::uint64_t denied_ = 0;
};

}  // namespace qa
