#include "command_line.hpp"

#include <netdb.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "mock_llm/profile_json.hpp"

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

// A check that accepts one of `names`.
CLI::Validator one_of(std::vector<std::string> names) {
    std::string list;
    for (const std::string& name : names) {
        list += list.empty() ? "" : ", ";
        list += name;
    }
    return CLI::Validator(
        [names, list](std::string& input) -> std::string {
            for (const std::string& name : names) {
                if (input == name) {
                    return {};
                }
            }
            return "invalid value '" + input + "'; expected one of " + list;
        },
        list);
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

constexpr std::uint64_t kMaxTimeoutMillis = 3'600'000;

// What the given flags do to the config. They run after --profile is loaded, so a flag
// overrides the file's field and an absent flag leaves it alone.
using Effects = std::vector<std::function<void(ServerConfig&)>>;

// A flag of type T whose effect `apply(config, value)` runs only if it is given.
template <class T, class Apply>
CLI::Option* flag(CLI::App& app, Effects& effects, const std::string& name, const std::string& help,
                  Apply apply) {
    return app.add_option_function<T>(
        name,
        [&effects, apply](const T& value) {
            effects.push_back([apply, value](ServerConfig& config) { apply(config, value); });
        },
        help);
}

// "KEY=P" of --chaos: a chaos key and a probability.
CLI::Validator chaos_entry() {
    return CLI::Validator(
        [](std::string& input) -> std::string {
            const auto equals = input.find('=');
            if (equals == std::string::npos || !chaos_index(input.substr(0, equals))) {
                std::string keys;
                for (const ChaosFault& fault : kChaosFaults) {
                    keys += keys.empty() ? "" : ", ";
                    keys += fault.key;
                }
                return "invalid value '" + input + "'; expected KEY=P with KEY one of " + keys;
            }
            std::string rate = input.substr(equals + 1);
            const std::string error = number_in(0.0, 1.0, "")(rate);
            return error.empty() ? "" : "invalid value '" + input + "'; P must be in 0..1";
        },
        "KEY=P");
}

CLI::Validator millis_up_to(std::chrono::microseconds limit) {
    return number_in(0.0, max_millis(limit), " ms");
}

CLI::Validator timeout_millis() {
    return number_in<std::uint64_t>(1, kMaxTimeoutMillis, " ms");
}

void add_latency_flags(CLI::App& app, Effects& e) {
    using C = ServerConfig;
    flag<std::string>(
        app, e, "--latency-model", "fixed, uniform, normal or lognormal",
        [](C& c, const std::string& v) { c.profile.latency.kind = *latency_kind_from_name(v); })
        ->check(one_of({"fixed", "uniform", "normal", "lognormal"}));
    flag<double>(app, e, "--latency-ms", "Latency (fixed), mean (normal) or median (lognormal)",
                 [](C& c, double v) { c.profile.latency.value = from_millis(v); })
        ->check(millis_up_to(kMaxLatency));
    flag<double>(app, e, "--latency-min-ms", "Low end (uniform) or lower clamp",
                 [](C& c, double v) { c.profile.latency.min = from_millis(v); })
        ->check(millis_up_to(kMaxLatency));
    flag<double>(app, e, "--latency-max-ms", "High end (uniform) or upper clamp",
                 [](C& c, double v) { c.profile.latency.max = from_millis(v); })
        ->check(millis_up_to(kMaxLatency));
    flag<double>(app, e, "--latency-sd-ms", "Standard deviation (normal)", [](C& c, double v) {
        c.profile.latency.sd = from_millis(v);
    })->check(millis_up_to(kMaxLatency));
    flag<double>(app, e, "--latency-sigma", "Sigma of ln(latency) (lognormal)", [](C& c, double v) {
        c.profile.latency.sigma = v;
    })->check(number_in(0.0, 10.0, ""));
    flag<double>(app, e, "--ttft-ms", "Time to first token, added to the latency",
                 [](C& c, double v) { c.profile.latency.time_to_first_token = from_millis(v); })
        ->check(millis_up_to(kMaxLatency));
    flag<double>(app, e, "--per-token-ms", "Time per output token", [](C& c, double v) {
        c.profile.latency.per_token = from_millis(v);
    })->check(millis_up_to(kMaxLatency));
    flag<std::int64_t>(app, e, "--load-capacity",
                       "In-service requests at which latency is --load-slowdown times (0 = off)",
                       [](C& c, std::int64_t v) { c.profile.latency.load.capacity = v; })
        ->check(number_in<std::int64_t>(0, kMaxCapacity, ""));
    flag<double>(app, e, "--load-slowdown", "Latency factor at --load-capacity",
                 [](C& c, double v) { c.profile.latency.load.slowdown = v; })
        ->check(number_in(1.0, 1000.0, ""));
    flag<double>(app, e, "--precision-window-ms",
                 "Final part of each latency wait spent yielding instead of sleeping (0 = off)",
                 [](C& c, double v) { c.precision_window = from_millis(v); })
        ->check(millis_up_to(kMaxPrecisionWindow));
}

void add_fault_flags(CLI::App& app, Effects& e) {
    using C = ServerConfig;
    flag<std::uint64_t>(app, e, "--seed", "Seed of every random decision",
                        [](C& c, std::uint64_t v) { c.profile.seed = v; })
        ->check(number_in<std::uint64_t>(0, std::numeric_limits<std::uint64_t>::max(), ""));
    flag<double>(app, e, "--rate-429", "Probability that a completion gets 429 (chaos)",
                 [](C& c, double v) { c.profile.chaos.rate("429") = v; })
        ->check(number_in(0.0, 1.0, ""));
    flag<double>(app, e, "--rate-500", "Probability that a non-429 completion gets 500",
                 [](C& c, double v) { c.profile.chaos.rate("500") = v; })
        ->check(number_in(0.0, 1.0, ""));
    flag<std::vector<std::string>>(
        app, e, "--chaos", "A chaos fault's probability, e.g. 503=0.01 or hang=0.001",
        [](C& c, const std::vector<std::string>& entries) {
            for (const std::string& entry : entries) {
                const auto at = entry.find('=');
                c.profile.chaos.rate(entry.substr(0, at)) = std::stod(entry.substr(at + 1));
            }
        })
        ->check(chaos_entry());
    flag<std::string>(
        app, e, "--x-should-retry", "Send x-should-retry: true|false with chaos status faults",
        [](C& c, const std::string& v) { c.profile.chaos.x_should_retry = v == "true"; })
        ->check(one_of({"true", "false"}));
    flag<double>(app, e, "--retry-after-ms", "Retry hint of a 429 without its own",
                 [](C& c, double v) { c.profile.retry_after = from_millis(v); })
        ->check(millis_up_to(kMaxRetryAfter));
}

void add_behaviour_flags(CLI::App& app, Effects& e) {
    using C = ServerConfig;
    flag<std::string>(
        app, e, "--behaviour", "unlimited, deepseek-legacy, deepseek-concurrency or openai-buckets",
        [](C& c, const std::string& v) { c.profile.behaviour.kind = *behaviour_from_name(v); })
        ->check(one_of({"unlimited", "deepseek-legacy", "deepseek-concurrency", "openai-buckets"}));
    flag<std::int64_t>(app, e, "--capacity", "Requests served at once (deepseek-*)",
                       [](C& c, std::int64_t v) { c.profile.behaviour.capacity = v; })
        ->check(number_in<std::int64_t>(1, kMaxCapacity, ""));
    flag<std::uint64_t>(app, e, "--keep-alive-interval-ms",
                        "Pause between keep-alive lines of a held request (deepseek-legacy)",
                        [](C& c, std::uint64_t v) {
                            c.profile.behaviour.keep_alive_interval = std::chrono::milliseconds(v);
                        })
        ->check(timeout_millis());
    flag<std::uint64_t>(app, e, "--queue-cutoff-ms",
                        "Longest wait in the queue before the close (deepseek-legacy)",
                        [](C& c, std::uint64_t v) {
                            c.profile.behaviour.queue_cutoff = std::chrono::milliseconds(v);
                        })
        ->check(timeout_millis());
    flag<std::int64_t>(app, e, "--rpm", "Requests per minute (openai-buckets)",
                       [](C& c, std::int64_t v) { c.profile.behaviour.requests_per_minute = v; })
        ->check(number_in<std::int64_t>(1, kMaxPerMinute, ""));
    flag<std::int64_t>(app, e, "--tpm", "Tokens per minute (openai-buckets)",
                       [](C& c, std::int64_t v) { c.profile.behaviour.tokens_per_minute = v; })
        ->check(number_in<std::int64_t>(1, kMaxPerMinute, ""));
}

// A check that refuses an empty value, which would otherwise read as the flag's absence.
CLI::Validator non_empty(const std::string& what) {
    return CLI::Validator(
        [what](std::string& input) -> std::string {
            return input.empty() ? "invalid value ''; give " + what : "";
        },
        "");
}

// A bind address the resolver knows. Resolved here, an unknown name is a bad flag (exit status
// 2), not a failure to listen.
CLI::Validator bind_address() {
    return CLI::Validator(
        [](std::string& input) -> std::string {
            if (std::string refused = non_empty("an IP address or a host name")(input);
                !refused.empty()) {
                return refused;
            }
            addrinfo hints{};
            hints.ai_flags = AI_PASSIVE;
            hints.ai_socktype = SOCK_STREAM;
            addrinfo* found = nullptr;
            const int status = ::getaddrinfo(input.c_str(), nullptr, &hints, &found);
            if (status != 0) {
                return "invalid value '" + input +
                       "'; give an IP address or a host name that resolves (" +
                       ::gai_strerror(status) + ")";
            }
            ::freeaddrinfo(found);
            return {};
        },
        "");
}

void add_server_flags(CLI::App& app, Effects& e, ServerConfig& config) {
    using C = ServerConfig;
    app.add_option("--host", config.host, "Bind address: an IP address or a host name")
        ->check(bind_address())
        ->capture_default_str();
    flag<std::uint64_t>(app, e, "--port", "TCP port; 0 = pick a free one",
                        [](C& c, std::uint64_t v) { c.port = static_cast<std::uint16_t>(v); })
        ->check(number_in<std::uint64_t>(0, std::numeric_limits<std::uint16_t>::max(), ""));
    app.add_option("--journal-size", config.journal_capacity,
                   "Records the request journal keeps (0 = none)")
        ->check(number_in<std::size_t>(0, kMaxJournalCapacity, ""))
        ->capture_default_str();
    app.add_option("--h2-max-streams", config.h2_max_concurrent_streams,
                   "HTTP/2: streams one connection may have open at once")
        ->check(number_in<std::uint32_t>(1, kMaxH2Streams, ""))
        ->capture_default_str();
    app.add_option("--max-body-bytes", config.max_body_bytes, "Largest request body; more: 413")
        ->check(number_in<std::size_t>(1, kMaxBodyBytesLimit, " bytes"))
        ->capture_default_str();
    flag<std::uint64_t>(
        app, e, "--header-timeout-ms", "Deadline for a request header",
        [](C& c, std::uint64_t v) { c.header_timeout = std::chrono::milliseconds(v); })
        ->check(timeout_millis());
    flag<std::uint64_t>(
        app, e, "--body-timeout-ms", "Deadline for a request body",
        [](C& c, std::uint64_t v) { c.body_timeout = std::chrono::milliseconds(v); })
        ->check(timeout_millis());
    flag<std::uint64_t>(
        app, e, "--write-timeout-ms", "Deadline for writing an answer",
        [](C& c, std::uint64_t v) { c.write_timeout = std::chrono::milliseconds(v); })
        ->check(timeout_millis());
}

}  // namespace

support::Expected<ServerConfig, int> parse_command_line(int argc, const char* const* argv,
                                                        std::ostream& out, std::ostream& err) {
    ServerConfig config;
    Effects effects;
    std::string profile_path;
    CLI::App app{"mock-llm: a mock DeepSeek (OpenAI-compatible) chat-completions server"};
    app.add_option("--profile", profile_path, "JSON profile file; flags override its fields")
        ->check(non_empty("the path of a JSON profile file"));
    add_server_flags(app, effects, config);
    add_latency_flags(app, effects);
    add_fault_flags(app, effects);
    add_behaviour_flags(app, effects);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return support::Unexpected(app.exit(help, out, err));
    } catch (const CLI::ParseError& error) {
        err << "mock-llm: " << error.what() << "\nRun with --help for the flags.\n";
        return support::Unexpected(kExitUsage);
    }
    if (!profile_path.empty()) {
        auto profile = load_profile_file(profile_path);
        if (!profile) {
            err << "mock-llm: --profile " << profile.error() << '\n';
            return support::Unexpected(kExitUsage);
        }
        config.profile = std::move(profile).value();
    }
    for (const auto& effect : effects) {
        effect(config);
    }
    if (auto valid = validate_config(config); !valid) {
        err << "mock-llm: " << valid.error() << '\n';
        return support::Unexpected(kExitUsage);
    }
    return config;
}

}  // namespace mock_llm::app
