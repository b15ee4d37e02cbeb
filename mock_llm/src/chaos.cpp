#include "mock_llm/chaos.hpp"

#include <algorithm>
#include <cassert>

#include "mock_llm/hash.hpp"

namespace mock_llm {

std::optional<std::size_t> chaos_index(std::string_view key) noexcept {
    for (std::size_t i = 0; i < kChaosFaults.size(); ++i) {
        if (kChaosFaults[i].key == key) {
            return i;
        }
    }
    return std::nullopt;
}

double& ChaosProfile::rate(std::string_view key) {
    const auto index = chaos_index(key);
    assert(index && "ChaosProfile::rate: not a chaos key");
    return rates[index.value_or(0)];
}

double ChaosProfile::rate(std::string_view key) const {
    const auto index = chaos_index(key);
    return index ? rates[*index] : 0.0;
}

bool ChaosProfile::active() const noexcept {
    return std::any_of(rates.begin(), rates.end(), [](double rate) { return rate > 0.0; });
}

double request_draw(std::uint64_t seed, std::uint64_t body_hash, std::uint64_t occurrence,
                    std::size_t i) noexcept {
    // Draw 0 is the combined hash itself and each next draw mixes the previous one: the scheme
    // decide_fault always used, so its 429/500 pattern is unchanged.
    std::uint64_t h = hash_combine(hash_combine(seed, body_hash), occurrence);
    for (std::size_t k = 0; k < i; ++k) {
        h = mix64(h);
    }
    return unit_interval(h);
}

FaultSpec decide_chaos(const ChaosProfile& chaos, std::uint64_t seed, std::uint64_t body_hash,
                       std::uint64_t occurrence, bool streamed) noexcept {
    std::uint64_t h = hash_combine(hash_combine(seed, body_hash), occurrence);
    for (std::size_t i = 0; i < kChaosFaults.size(); ++i, h = mix64(h)) {
        const ChaosFault& fault = kChaosFaults[i];
        // unit_interval is in [0, 1): a rate of 0 never fires, a rate of 1 always does.
        if (unit_interval(h) >= chaos.rates[i]) {
            continue;
        }
        if (fault.kind == FaultKind::stream_error && !streamed) {
            continue;
        }
        FaultSpec spec;
        spec.kind = fault.kind;
        spec.status = fault.status;
        if (fault.kind == FaultKind::status) {
            spec.x_should_retry = chaos.x_should_retry;
        }
        return spec;
    }
    return {};
}

}  // namespace mock_llm
