#pragma once
// Profile: everything about how the mock answers that can change while it runs: the seed, the
// latency model, the server behaviour, the chaos layer and the scripts. A plain value type;
// validate_profile() checks every range and names the field as the JSON profile spells it.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "mock_llm/behaviour.hpp"
#include "mock_llm/chaos.hpp"
#include "mock_llm/latency_model.hpp"
#include "mock_llm/script.hpp"
#include "support/expected.hpp"

namespace mock_llm {

struct Profile {
    // Seeds every random decision: same seed and same request bodies give the same faults and
    // latencies.
    std::uint64_t seed = 1;
    LatencyModel latency;
    // Hint sent with a 429 that has none of its own (chaos, x-mock-fault, scripts), 0..1 h;
    // 0 = retry at once.
    std::chrono::microseconds retry_after{std::chrono::seconds(1)};
    BehaviourProfile behaviour;
    ChaosProfile chaos;
    std::vector<ScriptRule> scripts;  // at most kMaxScripts; the first that fires wins

    friend bool operator==(const Profile&, const Profile&) = default;
};

// What is wrong with a profile: the field as the JSON profile spells it ("latency.sd_ms",
// "scripts[1].fault.status"; empty for the document itself) and why.
struct ProfileError {
    std::string field;
    std::string reason;

    // "field: reason", or the reason alone.
    std::string message() const { return field.empty() ? reason : field + ": " + reason; }
};

support::Expected<void, ProfileError> validate_profile(const Profile& profile);

}  // namespace mock_llm
