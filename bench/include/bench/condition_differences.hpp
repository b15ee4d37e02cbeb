#pragma once
// What qa-bench compare says besides its checks: the measurement conditions in which a run
// differs from its baseline (another fault mix on the mock, another retry policy, another
// allocator or server). Ratios measured under other conditions may differ for that reason
// alone, so compare names each difference; it does not refuse the comparison, since comparing
// two policies or allocators on purpose is a use of its own. Pure.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace bench {

// Where summary.json's "conditions" differ between `baseline` and `run`, one line each, in key
// order: "conditions.mock.chaos.429: 0.0 in the baseline, 0.2 in the run". Objects are compared
// key by key; a key only one side has is "absent" on the other, in one line however much it
// holds (a value is shortened past 60 characters). The CPU the embedded mock was pinned to is
// the machine's, not the measurement's, and is left out. Empty when they agree, or when neither
// has conditions.
std::vector<std::string> condition_differences(const nlohmann::json& baseline,
                                               const nlohmann::json& run);

}  // namespace bench
