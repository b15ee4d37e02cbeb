#pragma once
// Strict parsers for setting values, shared by the environment reader and every CLI, so a bad
// value is refused with the same words wherever it comes from. The whole text must be the value:
// "10abc", " 10" and "" are refused.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "qa/config/config_error.hpp"
#include "qa/expected.hpp"

namespace qa {

// An integer in [min, max].
Expected<int, ConfigError> parse_int_setting(std::string_view variable, std::string_view text,
                                             int min, int max);

// A finite decimal number in [min, max].
Expected<double, ConfigError> parse_double_setting(std::string_view variable, std::string_view text,
                                                   double min, double max);

// true/false, 1/0, yes/no, on/off (lower case).
Expected<bool, ConfigError> parse_bool_setting(std::string_view variable, std::string_view text);

// What a CLI switch accepts after '=' (CLI11's spellings), for the error of --switch=VALUE: the
// CLIs' value options are text their commands check, so only a switch fails to convert.
inline constexpr std::string_view kSwitchValues =
    "a switch takes no value, or one of true, false, on, off, yes, no, 1, 0";

// NAME="value" with the value's control characters escaped (\r, \n, \t, \xHH): how every message
// shows a value it was given, so a refused value cannot break the line it is reported on.
std::string quoted_setting(std::string_view name, std::string_view value);

// The index of the first byte outside visible ASCII (0x21..0x7e): a space, a control character
// (CR/LF would end an HTTP header line) or a non-ASCII byte. nullopt when there is none.
std::optional<std::size_t> first_invisible_byte(std::string_view text);

}  // namespace qa
