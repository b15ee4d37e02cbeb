#include "mock_llm/fault.hpp"

#include "mock_llm/hash.hpp"

namespace mock_llm {

Fault decide_fault(std::uint64_t seed, std::uint64_t body_hash, std::uint64_t occurrence,
                   double rate_429, double rate_500) noexcept {
    const std::uint64_t h = hash_combine(hash_combine(seed, body_hash), occurrence);
    // unit_interval is in [0, 1): a rate of 0 never fires, a rate of 1 always does.
    if (unit_interval(h) < rate_429) {
        return Fault::rate_limited;
    }
    // An independent second draw, so the 500 layer does not depend on where the 429 cut fell.
    if (unit_interval(mix64(h)) < rate_500) {
        return Fault::server_error;
    }
    return Fault::none;
}

}  // namespace mock_llm
