#pragma once
// Adaptive concurrency limits: how the limit moves after each attempt. Pure arithmetic over
// samples; LimitController applies the result to the AsyncSemaphore.
//
// - AIMD, as Netflix concurrency-limits' AIMDLimit: +1 after a success while the calls in
//   flight are at least half the limit, x backoff_ratio (0.9) after a drop (a 429, 503 or
//   timeout), clamped to [min, max].
// - Gradient, as its Gradient2Limit: the ratio of a long-term to the short-term latency says
//   whether queues are building; limit' = limit x clamp(tolerance x long/short, 0.5, 1) +
//   queue_size, smoothed, clamped to [min, max]. It holds still while the limit is not used.

#include <chrono>
#include <memory>
#include <string_view>

namespace qa {

// What one attempt tells the limit.
struct LimitSample {
    std::chrono::microseconds latency{0};  // send to end of the attempt
    bool dropped = false;                  // the provider pushed back: 429, 503 or a timeout
    std::size_t in_flight = 0;             // attempts holding a slot when it ended (itself too)
};

class LimitAlgorithm {
  public:
    virtual ~LimitAlgorithm() = default;
    virtual std::string_view name() const = 0;
    // The new limit (unclamped; the controller clamps) from the current one and a sample.
    virtual double next(double limit, const LimitSample& sample) = 0;
};

struct AimdOptions {
    double backoff_ratio = 0.9;
};

struct GradientOptions {
    double tolerance = 1.5;  // how much latency growth is accepted before backing off
    double smoothing = 0.2;  // weight of the new estimate
    double queue_size = 4;   // headroom added on top of limit x gradient
    int long_window = 600;   // samples in the long-term latency average
};

std::unique_ptr<LimitAlgorithm> make_aimd(AimdOptions options = {});
std::unique_ptr<LimitAlgorithm> make_gradient(GradientOptions options = {});

}  // namespace qa
