#pragma once
// The analysis strategies of the original service: rules only, the LLM on every test, or the
// rules first and the LLM on the functions they are unsure about (the default).

#include <cstdint>
#include <optional>
#include <string_view>

namespace qa {

enum class StrategyKind : std::uint8_t {
    rule_only,  // phase 1 only; uncertain functions are listed, never sent
    llm_only,   // every test function goes to the LLM; rule findings are not reported
    hybrid,     // rule findings, plus the LLM on the uncertain functions
};

// "rule-only", "llm-only", "hybrid".
std::string_view to_string(StrategyKind strategy);
std::optional<StrategyKind> parse_strategy(std::string_view text);

constexpr bool uses_rules(StrategyKind strategy) {
    return strategy != StrategyKind::llm_only;
}
constexpr bool uses_llm(StrategyKind strategy) {
    return strategy != StrategyKind::rule_only;
}

}  // namespace qa
