#include "mock_llm/script.hpp"

#include "mock_llm/limits.hpp"

namespace mock_llm {

ScriptBook::ScriptBook(std::vector<ScriptRule> rules)
    : rules_(std::move(rules)), counts_(rules_.size()) {}

void ScriptBook::clear_counts() {
    for (Counts& counts : counts_) {
        counts = Counts{};
    }
}

std::uint64_t ScriptBook::count(std::size_t rule, std::string_view key) {
    Counts& counts = counts_[rule];
    if (rules_[rule].scope == ScriptScope::global) {
        return ++counts.global;
    }
    // Heterogeneous lookup needs C++20 transparent hashing; a key is short, so a copy is fine.
    const std::string owned(key);
    if (const auto found = counts.by_key.find(owned); found != counts.by_key.end()) {
        return ++found->second;
    }
    if (counts.by_key.size() >= kMaxScriptKeys) {
        return ++counts.overflow;  // bounded memory, whatever keys clients invent
    }
    return counts.by_key.emplace(owned, 1).first->second;
}

const FaultSpec* ScriptBook::decide(const RequestHeaders& headers,
                                    std::chrono::microseconds since_epoch) {
    const FaultSpec* fired = nullptr;
    for (std::size_t i = 0; i < rules_.size(); ++i) {
        const ScriptRule& rule = rules_[i];
        std::string_view key;
        if (rule.scope == ScriptScope::api_key) {
            key = bearer_key(headers.authorization);
        } else if (rule.scope == ScriptScope::header) {
            key = headers.other(rule.header);
        }
        if (rule.scope != ScriptScope::global && key.empty()) {
            continue;  // not this rule's kind of request: neither counted nor faulted
        }
        // Every rule counts, even after an earlier one fired: "the n-th request" of a key means
        // the same whatever the other rules do.
        const std::uint64_t n = count(i, key);
        const bool fires =
            (rule.first == 0 || n <= rule.first) && (rule.every == 0 || n % rule.every == 0) &&
            (!rule.from || since_epoch >= *rule.from) && (!rule.to || since_epoch < *rule.to);
        if (fires && fired == nullptr) {
            fired = &rule.fault;
        }
    }
    return fired;
}

}  // namespace mock_llm
