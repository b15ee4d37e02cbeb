#include "mock_llm/server_config.hpp"

#include <sstream>

namespace mock_llm {

namespace {

using ConfigCheck = support::Expected<void, std::string>;

template <class Value>
ConfigCheck invalid(std::string_view field, const Value& value, std::string_view range) {
    std::ostringstream text;
    text << "invalid " << field << " = " << value << "; allowed range is " << range;
    return support::Unexpected(text.str());
}

template <class Duration>
ConfigCheck check_duration(std::string_view field, Duration value, Duration min, Duration max,
                           std::string_view unit) {
    if (value < min || value > max) {
        const std::string range = std::to_string(min.count()) + ".." + std::to_string(max.count()) +
                                  ' ' + std::string(unit);
        return invalid(field, std::to_string(value.count()) + ' ' + std::string(unit), range);
    }
    return {};
}

}  // namespace

support::Expected<void, std::string> validate_config(const ServerConfig& config) {
    using std::chrono::microseconds;
    using std::chrono::milliseconds;
    if (config.host.empty()) {
        return support::Unexpected(
            std::string("invalid host = \"\"; give an IP address or a host name"));
    }
    const ConfigCheck checks[] = {
        check_duration("precision_window", config.precision_window, microseconds(0),
                       kMaxPrecisionWindow, "us"),
        config.pin_to_cpu >= -1 && config.pin_to_cpu < 1024
            ? ConfigCheck{}
            : invalid("pin_to_cpu", config.pin_to_cpu, "-1..1023"),
        config.max_body_bytes >= 1 && config.max_body_bytes <= kMaxBodyBytesLimit
            ? ConfigCheck{}
            : invalid("max_body_bytes", config.max_body_bytes,
                      "1.." + std::to_string(kMaxBodyBytesLimit)),
        check_duration("header_timeout", config.header_timeout, milliseconds(1), kMaxTimeout, "ms"),
        check_duration("body_timeout", config.body_timeout, milliseconds(1), kMaxTimeout, "ms"),
        check_duration("write_timeout", config.write_timeout, milliseconds(1), kMaxTimeout, "ms"),
        config.journal_capacity <= kMaxJournalCapacity
            ? ConfigCheck{}
            : invalid("journal_capacity", config.journal_capacity,
                      "0.." + std::to_string(kMaxJournalCapacity)),
        config.h2_max_concurrent_streams >= 1 && config.h2_max_concurrent_streams <= kMaxH2Streams
            ? ConfigCheck{}
            : invalid("h2_max_concurrent_streams", config.h2_max_concurrent_streams,
                      "1.." + std::to_string(kMaxH2Streams)),
    };
    for (const ConfigCheck& check : checks) {
        if (!check) {
            return check;
        }
    }
    if (auto profile = validate_profile(config.profile); !profile) {
        return support::Unexpected("invalid profile " + profile.error().message());
    }
    return {};
}

}  // namespace mock_llm
