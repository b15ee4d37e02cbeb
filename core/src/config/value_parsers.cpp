#include "qa/config/value_parsers.hpp"

#include <charconv>
#include <sstream>
#include <string>

#include "support/decimal.hpp"

namespace qa {
namespace {

// Shortest text for a range bound: 50, 0.001, 3600.
std::string format_bound(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

// A value as the message shows it: control characters escaped (\r, \n, \t, \xHH), so a
// refused value cannot break the line it is reported on or drive the terminal.
std::string printable(std::string_view value) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\r') {
            out += "\\r";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (byte < 0x20 || byte == 0x7f) {
            out += "\\x";
            out += kHex[byte >> 4];
            out += kHex[byte & 0xf];
        } else {
            out += c;
        }
    }
    return out;
}

ConfigError refuse(std::string_view variable, std::string_view text, std::string allowed) {
    return ConfigError{std::string(variable), std::string(text), std::move(allowed)};
}

}  // namespace

std::string ConfigError::message() const {
    if (secret)
        return variable + " (value not shown) is invalid: allowed is " + allowed;
    return quoted_setting(variable, value) + " is invalid: allowed is " + allowed;
}

Expected<int, ConfigError> parse_int_setting(std::string_view variable, std::string_view text,
                                             int min, int max) {
    const std::string allowed = "an integer in " + std::to_string(min) + ".." + std::to_string(max);
    int value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value < min || value > max) {
        return Unexpected(refuse(variable, text, allowed));
    }
    return value;
}

Expected<double, ConfigError> parse_double_setting(std::string_view variable, std::string_view text,
                                                   double min, double max) {
    const std::string allowed = "a number in " + format_bound(min) + ".." + format_bound(max);
    const auto value = support::parse_decimal(text);
    if (!value || *value < min || *value > max)
        return Unexpected(refuse(variable, text, allowed));
    return *value;
}

Expected<bool, ConfigError> parse_bool_setting(std::string_view variable, std::string_view text) {
    if (text == "true" || text == "1" || text == "yes" || text == "on")
        return true;
    if (text == "false" || text == "0" || text == "no" || text == "off")
        return false;
    return Unexpected(refuse(variable, text, "one of true, false, 1, 0, yes, no, on, off"));
}

std::string quoted_setting(std::string_view name, std::string_view value) {
    return std::string(name) + "=\"" + printable(value) + "\"";
}

std::optional<std::size_t> first_invisible_byte(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte <= 0x20 || byte >= 0x7f)
            return i;
    }
    return std::nullopt;
}

}  // namespace qa
