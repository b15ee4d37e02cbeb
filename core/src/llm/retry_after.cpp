#include "qa/llm/retry_after.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <ctime>

#include "support/decimal.hpp"
#include "support/trim.hpp"

namespace qa {
namespace {

using std::chrono::microseconds;

// Absurd hints are clamped (a year) so the conversion cannot overflow; the retry policy then
// refuses them as longer than its limit.
constexpr double kMaxHintMs = 365.0 * 24 * 3600 * 1000;

std::optional<double> non_negative_number(std::string_view text) {
    const auto value = support::parse_decimal(support::trim_http_whitespace(text));
    if (!value || *value < 0)
        return std::nullopt;
    return value;
}

std::optional<int> fixed_digits(std::string_view text) {
    int value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end)
        return std::nullopt;
    return value;
}

// IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT" (29 characters).
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text) {
    text = support::trim_http_whitespace(text);
    if (text.size() != 29 || text.substr(3, 2) != ", " || !text.ends_with(" GMT")) {
        return std::nullopt;
    }
    static constexpr std::array<std::string_view, 12> kMonths = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int month = -1;
    for (std::size_t i = 0; i < kMonths.size(); ++i) {
        if (text.substr(8, 3) == kMonths[i])
            month = static_cast<int>(i);
    }
    const auto day = fixed_digits(text.substr(5, 2));
    const auto year = fixed_digits(text.substr(12, 4));
    const auto hour = fixed_digits(text.substr(17, 2));
    const auto minute = fixed_digits(text.substr(20, 2));
    const auto second = fixed_digits(text.substr(23, 2));
    if (month < 0 || !day || !year || !hour || !minute || !second || text[19] != ':' ||
        text[22] != ':' || *day < 1 || *day > 31 || *hour > 23 || *minute > 59 || *second > 60) {
        return std::nullopt;
    }
    std::tm tm{};
    tm.tm_year = *year - 1900;
    tm.tm_mon = month;
    tm.tm_mday = *day;
    tm.tm_hour = *hour;
    tm.tm_min = *minute;
    tm.tm_sec = *second;
    const std::time_t seconds = timegm(&tm);
    if (seconds == static_cast<std::time_t>(-1))
        return std::nullopt;
    return std::chrono::system_clock::from_time_t(seconds);
}

}  // namespace

std::optional<microseconds> parse_retry_after(std::string_view retry_after_ms_header,
                                              std::string_view retry_after_header,
                                              std::chrono::system_clock::time_point now) {
    if (const auto ms = non_negative_number(retry_after_ms_header)) {
        return microseconds(
            static_cast<std::int64_t>(std::llround(std::min(*ms, kMaxHintMs) * 1e3)));
    }
    if (const auto seconds = non_negative_number(retry_after_header)) {
        return microseconds(
            static_cast<std::int64_t>(std::llround(std::min(*seconds, kMaxHintMs / 1e3) * 1e6)));
    }
    if (const auto date = parse_http_date(retry_after_header)) {
        const auto wait = std::chrono::duration_cast<microseconds>(*date - now);
        return wait.count() > 0 ? wait : microseconds(0);
    }
    return std::nullopt;
}

}  // namespace qa
