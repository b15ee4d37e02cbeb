#include "mock_llm/mock_headers.hpp"

#include <charconv>
#include <cstdint>

#include "mock_llm/errors.hpp"
#include "support/trim.hpp"

namespace mock_llm {

namespace {

using support::Unexpected;

std::string quoted(std::string_view text) {
    return '"' + std::string(text) + '"';
}

// Digits only (no sign, no spaces, no fraction), at most `max`.
support::Expected<std::uint64_t, std::string> parse_whole(std::string_view what,
                                                          std::string_view text,
                                                          std::uint64_t max) {
    std::uint64_t value = 0;
    const char* const end = text.data() + text.size();
    const auto result = std::from_chars(text.data(), end, value);
    if (text.empty() || text.front() == '+' || text.front() == '-' || result.ptr != end ||
        result.ec == std::errc::invalid_argument) {
        return Unexpected(std::string(what) + " must be a whole number, got " + quoted(text));
    }
    if (result.ec == std::errc::result_out_of_range || value > max) {
        return Unexpected(std::string(what) + " must be at most " + std::to_string(max) + ", got " +
                          quoted(text));
    }
    return value;
}

std::string catalogue_statuses() {
    std::string out;
    for (const ErrorKind& kind : error_catalogue()) {
        out += out.empty() ? "" : ", ";
        out += std::to_string(kind.status);
    }
    return out;
}

support::Expected<int, std::string> parse_status(std::string_view text) {
    auto number = parse_whole("status", text, 999);
    if (!number) {
        return Unexpected(std::move(number).error());
    }
    const int status = static_cast<int>(*number);
    if (find_error_kind(status) == nullptr) {
        return Unexpected("status must be one of " + catalogue_statuses() + ", got " +
                          quoted(text));
    }
    return status;
}

}  // namespace

support::Expected<FaultDirective, std::string> parse_fault_header(std::string_view value) {
    FaultDirective directive;
    bool has_status = false;
    std::string_view rest = value;
    for (bool more = true; more;) {
        const auto semicolon = rest.find(';');
        more = semicolon != std::string_view::npos;
        const std::string_view item = support::trim_http_whitespace(rest.substr(0, semicolon));
        rest = more ? rest.substr(semicolon + 1) : std::string_view{};
        const auto equals = item.find('=');
        if (equals == std::string_view::npos) {
            return Unexpected("expected key=value, got " + quoted(item));
        }
        const std::string_view key = support::trim_http_whitespace(item.substr(0, equals));
        const std::string_view text = support::trim_http_whitespace(item.substr(equals + 1));
        if (key == "status") {
            if (has_status) {
                return Unexpected(std::string("status given twice"));
            }
            auto status = parse_status(text);
            if (!status) {
                return Unexpected(std::move(status).error());
            }
            directive.status = *status;
            has_status = true;
        } else if (key == "retry_after_ms") {
            if (directive.retry_after) {
                return Unexpected(std::string("retry_after_ms given twice"));
            }
            auto millis = parse_whole("retry_after_ms", text,
                                      static_cast<std::uint64_t>(kMaxHeaderMillis.count()));
            if (!millis) {
                return Unexpected(std::move(millis).error());
            }
            directive.retry_after = std::chrono::milliseconds(*millis);
        } else {
            return Unexpected("unknown key " + quoted(key) +
                              "; known keys: status, retry_after_ms");
        }
    }
    if (!has_status) {
        return Unexpected(std::string("status is required"));
    }
    return directive;
}

support::Expected<std::chrono::milliseconds, std::string> parse_delay_header(
    std::string_view value) {
    auto millis = parse_whole("the value", support::trim_http_whitespace(value),
                              static_cast<std::uint64_t>(kMaxHeaderMillis.count()));
    if (!millis) {
        return Unexpected(std::move(millis).error());
    }
    return std::chrono::milliseconds(*millis);
}

}  // namespace mock_llm
