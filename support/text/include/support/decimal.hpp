#pragma once
// Reading a decimal number that must be the whole text: the settings' numbers and the numbers in
// HTTP header values (Retry-After, Server-Timing) share one reading, so "1e3", "5ms", "nan" and
// "inf" are refused the same way everywhere.

#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>

namespace support {

// Fixed notation (digits, an optional sign and fraction), finite, and nothing before or after.
inline std::optional<double> parse_decimal(std::string_view text) noexcept {
    double value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value, std::chars_format::fixed);
    if (text.empty() || ec != std::errc{} || ptr != end || !std::isfinite(value))
        return std::nullopt;
    return value;
}

}  // namespace support
