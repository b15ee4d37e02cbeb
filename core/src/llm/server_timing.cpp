#include "qa/llm/server_timing.hpp"

#include <cmath>
#include <cstddef>

#include "support/decimal.hpp"
#include "support/trim.hpp"

namespace qa {
namespace {

constexpr double kMaxMillis = 24.0 * 3600 * 1000;

std::optional<std::chrono::microseconds> millis(std::string_view text) {
    text = support::trim_http_whitespace(text);
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
        text = text.substr(1, text.size() - 2);
    const auto value = support::parse_decimal(text);
    if (!value || *value < 0 || *value > kMaxMillis)
        return std::nullopt;
    return std::chrono::microseconds(std::llround(*value * 1000));
}

// ASCII letters compared without case (metric and parameter names are tokens); no Beast here, so
// the parser builds alone (the fuzz target) whatever string_view Beast was configured with.
bool same_word(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i]))
            return false;
    }
    return true;
}

// The next piece of `text` up to `separator` outside a quoted string; `text` keeps the rest.
std::string_view next_piece(std::string_view& text, char separator) {
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && quoted) {
            ++i;
        } else if (text[i] == '"') {
            quoted = !quoted;
        } else if (text[i] == separator && !quoted) {
            const auto piece = text.substr(0, i);
            text.remove_prefix(i + 1);
            return piece;
        }
    }
    const auto piece = text;
    text = {};
    return piece;
}

struct Metric {
    std::string_view name;
    std::optional<std::chrono::microseconds> duration;
    bool has_duration = false;  // a `dur` was given, readable or not
};

Metric read_metric(std::string_view text) {
    Metric metric;
    metric.name = support::trim_http_whitespace(next_piece(text, ';'));
    while (!text.empty()) {
        std::string_view param = next_piece(text, ';');
        const std::string_view name = support::trim_http_whitespace(next_piece(param, '='));
        if (!metric.has_duration && same_word(name, "dur")) {
            metric.has_duration = true;
            metric.duration = millis(param);
        }
    }
    return metric;
}

std::optional<std::chrono::microseconds> from_server_timing(std::string_view header) {
    std::optional<std::chrono::microseconds> only;
    int with_duration = 0;
    while (!header.empty()) {
        const Metric metric = read_metric(next_piece(header, ','));
        if (!metric.has_duration)
            continue;
        if (same_word(metric.name, "total"))
            return metric.duration;
        ++with_duration;
        only = metric.duration;
    }
    return with_duration == 1 ? only : std::nullopt;
}

}  // namespace

std::optional<std::chrono::microseconds> parse_server_time(std::string_view server_timing,
                                                           std::string_view openai_processing_ms) {
    if (auto from_timing = from_server_timing(server_timing))
        return from_timing;
    if (support::trim_http_whitespace(openai_processing_ms).empty())
        return std::nullopt;
    return millis(openai_processing_ms);
}

}  // namespace qa
