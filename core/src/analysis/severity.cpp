// Severity words: how rules and reports spell a severity, and the words a model may answer with.
#include "qa/analysis/severity.hpp"

#include <string>

namespace qa {

std::string_view to_string(Severity severity) {
    switch (severity) {
        case Severity::low:
            return "low";
        case Severity::medium:
            return "medium";
        case Severity::high:
            return "high";
    }
    return "medium";
}

std::optional<Severity> parse_severity(std::string_view text) {
    if (text.size() > 16)
        return std::nullopt;
    std::string lower;
    for (const char c : text)
        lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (lower == "low" || lower == "minor" || lower == "info" || lower == "trivial")
        return Severity::low;
    if (lower == "medium" || lower == "moderate" || lower == "warning" || lower == "normal")
        return Severity::medium;
    if (lower == "high" || lower == "major" || lower == "critical" || lower == "error" ||
        lower == "severe" || lower == "blocker")
        return Severity::high;
    return std::nullopt;
}

}  // namespace qa
