#include "bench/condition_differences.hpp"

#include "bench/json_keys.hpp"
#include "bench/json_text.hpp"

namespace bench {
namespace {

using nlohmann::json;

// A value as one line, shortened past 60 characters (a whole profile missing on one side).
std::string value_text(const json* value) {
    if (value == nullptr)
        return "absent";
    constexpr std::size_t kLongest = 60;
    std::string text = json_text(*value);
    if (text.size() > kLongest)
        text = text.substr(0, kLongest - 3) + "...";
    return text;
}

// Walks both values below `name` ("conditions.mock"), descending where both are objects, and
// adds a line for each key whose values differ; a subtree only one side has is one line.
void add_differences(const std::string& name, const json* baseline, const json* run,
                     std::vector<std::string>& lines) {
    if (baseline != nullptr && run != nullptr && baseline->is_object() && run->is_object()) {
        for (const auto& key : keys_of_either(*baseline, *run)) {
            // The CPU the mock was pinned to is the machine's, not the measurement's.
            if (name == "conditions" && key == "embedded_mock_cpu")
                continue;
            const auto in_base = baseline->find(key);
            const auto in_run = run->find(key);
            add_differences(name + "." + key, in_base == baseline->end() ? nullptr : &*in_base,
                            in_run == run->end() ? nullptr : &*in_run, lines);
        }
        return;
    }
    if (baseline != nullptr && run != nullptr && *baseline == *run)
        return;
    lines.push_back(name + ": " + value_text(baseline) + " in the baseline, " + value_text(run) +
                    " in the run");
}

const json* conditions_of(const json& summary) {
    if (!summary.is_object())
        return nullptr;
    const auto found = summary.find("conditions");
    return found == summary.end() ? nullptr : &*found;
}

}  // namespace

std::vector<std::string> condition_differences(const json& baseline, const json& run) {
    std::vector<std::string> lines;
    const json* base = conditions_of(baseline);
    const json* other = conditions_of(run);
    if (base != nullptr || other != nullptr)
        add_differences("conditions", base, other, lines);
    return lines;
}

}  // namespace bench
