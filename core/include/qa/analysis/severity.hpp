#pragma once
// Severity: how bad an issue is, for rules and LLM answers alike.

#include <cstdint>
#include <optional>
#include <string_view>

namespace qa {

enum class Severity : std::uint8_t { low, medium, high };

// "low", "medium", "high".
std::string_view to_string(Severity severity);

// The words a model may answer with, case-insensitively: low/minor/info, medium/moderate/warning,
// high/major/critical/error. nullopt for anything else.
std::optional<Severity> parse_severity(std::string_view text);

}  // namespace qa
