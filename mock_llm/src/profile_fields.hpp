#pragma once
// The JSON profile's spellings that more than one file needs: the parser, the writer and the
// validator's error texts name fields the same way.

#include <string_view>

#include "mock_llm/latency_model.hpp"
#include "mock_llm/script.hpp"

namespace mock_llm {

// The key of LatencyModel::value for each model: "ms" (fixed), "mean_ms", "median_ms".
constexpr std::string_view latency_value_key(LatencyKind kind) noexcept {
    switch (kind) {
        case LatencyKind::normal:
            return "mean_ms";
        case LatencyKind::lognormal:
            return "median_ms";
        case LatencyKind::fixed:
        case LatencyKind::uniform:
            break;
    }
    return "ms";
}

// A script's "key": "global", "api_key" or "header:NAME".
inline constexpr std::string_view kHeaderKeyPrefix = "header:";

}  // namespace mock_llm
