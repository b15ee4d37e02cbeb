#include "qa/flow/limit_algorithm.hpp"

#include <algorithm>

namespace qa {
namespace {

class Aimd final : public LimitAlgorithm {
  public:
    explicit Aimd(AimdOptions options) : options_(options) {}
    std::string_view name() const override { return "aimd"; }

    double next(double limit, const LimitSample& sample) override {
        if (sample.dropped)
            return limit * options_.backoff_ratio;
        // Only grow while the limit is actually being used.
        if (static_cast<double>(sample.in_flight) * 2 >= limit)
            return limit + 1;
        return limit;
    }

  private:
    AimdOptions options_;
};

class Gradient final : public LimitAlgorithm {
  public:
    explicit Gradient(GradientOptions options) : options_(options) {}
    std::string_view name() const override { return "gradient"; }

    double next(double limit, const LimitSample& sample) override {
        const double short_rtt = static_cast<double>(sample.latency.count());
        if (short_rtt <= 0)
            return limit;
        // Long-term average: an exponential moving average over about long_window samples.
        const double weight = 2.0 / (options_.long_window + 1);
        long_rtt_ = long_rtt_ == 0 ? short_rtt : long_rtt_ * (1 - weight) + short_rtt * weight;
        // After a lasting improvement, let the long-term average catch up faster.
        if (long_rtt_ / short_rtt > 2)
            long_rtt_ *= 0.95;
        if (static_cast<double>(sample.in_flight) < limit / 2)
            return limit;  // not limited by the limit: nothing learned about it
        const double gradient = std::clamp(options_.tolerance * long_rtt_ / short_rtt, 0.5, 1.0);
        const double target = limit * gradient + options_.queue_size;
        return limit * (1 - options_.smoothing) + target * options_.smoothing;
    }

  private:
    GradientOptions options_;
    double long_rtt_ = 0;
};

}  // namespace

std::unique_ptr<LimitAlgorithm> make_aimd(AimdOptions options) {
    return std::make_unique<Aimd>(options);
}

std::unique_ptr<LimitAlgorithm> make_gradient(GradientOptions options) {
    return std::make_unique<Gradient>(options);
}

}  // namespace qa
