#include "mock_llm/latency_model.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "mock_llm/hash.hpp"

namespace mock_llm {

namespace {

using std::chrono::microseconds;

// Its own stream of draws, independent of the chaos layer's: a latency change never moves a
// fault, nor the other way round.
constexpr std::uint64_t kLatencyStream = 0x6c6174656e6379;  // "latency"

microseconds from_double(double micros) noexcept {
    // Written so that NaN lands on 0.
    if (!(micros > 0.0)) {
        return microseconds(0);
    }
    const double capped = std::min(micros, static_cast<double>(kMaxLatency.count()));
    return microseconds(std::llround(capped));
}

// A standard normal draw (Box-Muller) from two uniform draws.
double standard_normal(double u1, double u2) noexcept {
    // 1 - u1 is in (0, 1], so the logarithm is finite.
    return std::sqrt(-2.0 * std::log(1.0 - u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

microseconds clamp(microseconds value, const LatencyModel& model) noexcept {
    return std::clamp(value, model.min, std::max(model.min, model.max));
}

}  // namespace

std::string_view latency_kind_name(LatencyKind kind) noexcept {
    switch (kind) {
        case LatencyKind::fixed:
            return "fixed";
        case LatencyKind::uniform:
            return "uniform";
        case LatencyKind::normal:
            return "normal";
        case LatencyKind::lognormal:
            return "lognormal";
    }
    return "fixed";
}

std::optional<LatencyKind> latency_kind_from_name(std::string_view name) noexcept {
    for (const LatencyKind kind :
         {LatencyKind::fixed, LatencyKind::uniform, LatencyKind::normal, LatencyKind::lognormal}) {
        if (latency_kind_name(kind) == name) {
            return kind;
        }
    }
    return std::nullopt;
}

microseconds draw_latency(const LatencyModel& model, std::uint64_t seed, std::uint64_t body_hash,
                          std::uint64_t occurrence) noexcept {
    if (model.kind == LatencyKind::fixed) {
        return model.value;  // no draw: the hot path of a fixed latency
    }
    const std::uint64_t h =
        hash_combine(hash_combine(hash_combine(seed, body_hash), occurrence), kLatencyStream);
    const double u1 = unit_interval(h);
    const double u2 = unit_interval(mix64(h));
    switch (model.kind) {
        case LatencyKind::uniform: {
            const double low = static_cast<double>(model.min.count());
            const double high = static_cast<double>(std::max(model.min, model.max).count());
            return from_double(low + (high - low) * u1);
        }
        case LatencyKind::normal:
            return clamp(
                from_double(static_cast<double>(model.value.count()) +
                            static_cast<double>(model.sd.count()) * standard_normal(u1, u2)),
                model);
        case LatencyKind::lognormal:
            return clamp(from_double(static_cast<double>(model.value.count()) *
                                     std::exp(model.sigma * standard_normal(u1, u2))),
                         model);
        case LatencyKind::fixed:
            break;
    }
    return model.value;
}

double load_factor(const LoadModel& load, std::int64_t in_service) noexcept {
    if (load.capacity <= 0 || in_service <= 0) {
        return 1.0;
    }
    return 1.0 + (load.slowdown - 1.0) * static_cast<double>(in_service) /
                     static_cast<double>(load.capacity);
}

microseconds ServiceTime::total(std::size_t tokens) const noexcept {
    return from_double(static_cast<double>(first_token.count()) +
                       static_cast<double>(tokens) * static_cast<double>(per_token.count()));
}

ServiceTime service_time(const LatencyModel& model, std::uint64_t seed, std::uint64_t body_hash,
                         std::uint64_t occurrence, std::int64_t in_service) noexcept {
    const microseconds first =
        draw_latency(model, seed, body_hash, occurrence) + model.time_to_first_token;
    const double factor = load_factor(model.load, in_service);
    if (factor == 1.0) {
        return {std::min(first, kMaxLatency), model.per_token};
    }
    return {from_double(static_cast<double>(first.count()) * factor),
            from_double(static_cast<double>(model.per_token.count()) * factor)};
}

}  // namespace mock_llm
