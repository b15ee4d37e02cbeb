#include "command_line.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include <CLI/CLI.hpp>

namespace mock_llm::app {

namespace {

// Shortest round-trip text of a number: "1", "0.5", "3600000" (not std::to_string's "1.000000").
template <class Number>
std::string number_text(Number value) {
    char text[64];
    const auto result = std::to_chars(text, text + sizeof text, value);
    return std::string(text, result.ptr);
}

// A CLI11 check that accepts a number in [low, high] and nothing else. It runs before CLI11's
// own conversion, so a malformed value gets this message too: "--flag: invalid value 'x'; ...".
template <class Number>
CLI::Validator number_in(Number low, Number high, const std::string& unit) {
    const std::string range = number_text(low) + ".." + number_text(high) + unit;
    return CLI::Validator(
        [low, high, range](std::string& input) -> std::string {
            Number value{};
            const char* end = input.data() + input.size();
            const auto result = std::from_chars(input.data(), end, value);
            // Written so that NaN fails too.
            if (result.ec != std::errc{} || result.ptr != end || !(value >= low && value <= high)) {
                return "invalid value '" + input + "'; allowed range is " + range;
            }
            return {};
        },
        range);
}

// Whole milliseconds of a duration limit, as the flags take them.
template <class Duration>
double max_millis(Duration limit) {
    return static_cast<double>(
        std::chrono::duration_cast<std::chrono::milliseconds>(limit).count());
}

std::chrono::microseconds from_millis(double millis) {
    return std::chrono::microseconds(std::llround(millis * 1000.0));
}

}  // namespace

support::Expected<ServerConfig, int> parse_command_line(int argc, const char* const* argv,
                                                        std::ostream& out, std::ostream& err) {
    ServerConfig config;
    std::uint64_t port = config.port;
    double latency_ms = 0.0;
    double retry_after_ms =
        static_cast<double>(config.retry_after.count()) / 1000.0;  // the config's default
    double precision_window_ms = static_cast<double>(config.precision_window.count()) / 1000.0;
    std::uint64_t header_timeout_ms = static_cast<std::uint64_t>(config.header_timeout.count());

    CLI::App app{"mock-llm: a mock DeepSeek (OpenAI-compatible) chat-completions server"};
    app.add_option("--host", config.host, "Bind address: an IP address or a host name")
        ->check(CLI::Validator(
            [](std::string& input) -> std::string {
                return input.empty() ? "invalid value ''; give an IP address or a host name" : "";
            },
            ""))
        ->capture_default_str();
    app.add_option("--port", port, "TCP port; 0 = pick a free one")
        ->check(number_in<std::uint64_t>(0, std::numeric_limits<std::uint16_t>::max(), ""))
        ->capture_default_str();
    app.add_option("--latency-ms", latency_ms, "Service time of each successful completion")
        ->check(number_in(0.0, max_millis(kMaxLatency), " ms"));
    app.add_option("--precision-window-ms", precision_window_ms,
                   "Final part of each latency wait spent yielding instead of sleeping (0 = off)")
        ->check(number_in(0.0, max_millis(kMaxPrecisionWindow), " ms"))
        ->capture_default_str();
    app.add_option("--seed", config.seed, "Seed of every random decision")
        ->check(number_in<std::uint64_t>(0, std::numeric_limits<std::uint64_t>::max(), ""))
        ->capture_default_str();
    app.add_option("--rate-429", config.rate_429, "Probability that a completion gets 429")
        ->check(number_in(0.0, 1.0, ""));
    app.add_option("--rate-500", config.rate_500, "Probability that a non-429 completion gets 500")
        ->check(number_in(0.0, 1.0, ""));
    app.add_option("--retry-after-ms", retry_after_ms, "Retry hint sent with every 429")
        ->check(number_in(0.0, max_millis(kMaxRetryAfter), " ms"));
    app.add_option("--max-body-bytes", config.max_body_bytes, "Largest request body; more: 413")
        ->check(number_in<std::size_t>(1, kMaxBodyBytesLimit, " bytes"))
        ->capture_default_str();
    app.add_option("--header-timeout-ms", header_timeout_ms, "Deadline for a request header")
        ->check(number_in<std::uint64_t>(1, static_cast<std::uint64_t>(max_millis(kMaxTimeout)),
                                         " ms"));
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return support::Unexpected(app.exit(help, out, err));
    } catch (const CLI::ParseError& error) {
        err << "mock-llm: " << error.what() << "\nRun with --help for the flags.\n";
        return support::Unexpected(kExitUsage);
    }
    config.port = static_cast<std::uint16_t>(port);
    config.latency = from_millis(latency_ms);
    config.precision_window = from_millis(precision_window_ms);
    config.retry_after = from_millis(retry_after_ms);
    config.header_timeout = std::chrono::milliseconds(header_timeout_ms);
    if (auto valid = validate_config(config); !valid) {
        err << "mock-llm: " << valid.error() << '\n';
        return support::Unexpected(kExitUsage);
    }
    return config;
}

}  // namespace mock_llm::app
