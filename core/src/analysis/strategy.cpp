#include "qa/analysis/strategy.hpp"

namespace qa {

std::string_view to_string(StrategyKind strategy) {
    switch (strategy) {
        case StrategyKind::rule_only:
            return "rule-only";
        case StrategyKind::llm_only:
            return "llm-only";
        case StrategyKind::hybrid:
            return "hybrid";
    }
    return "hybrid";
}

std::optional<StrategyKind> parse_strategy(std::string_view text) {
    for (const auto strategy :
         {StrategyKind::rule_only, StrategyKind::llm_only, StrategyKind::hybrid}) {
        if (text == to_string(strategy))
            return strategy;
    }
    return std::nullopt;
}

}  // namespace qa
