#include "command_line.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
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

// The flags, each written to its variable; applied to the config after parsing, and only where
// given, so a flag overrides the profile file and an absent flag leaves it alone.
struct Flags {
    std::string profile_path;
    std::uint64_t port = 0;
    double latency_ms = 0.0;
    std::string latency_model = "fixed";
    double latency_min_ms = 0.0;
    double latency_max_ms = 0.0;
    double latency_sd_ms = 0.0;
    double latency_sigma = 0.0;
    double ttft_ms = 0.0;
    double per_token_ms = 0.0;
    std::int64_t load_capacity = 0;
    double load_slowdown = 1.0;
    double precision_window_ms = 0.0;
    std::uint64_t seed = 0;
    double rate_429 = 0.0;
    double rate_500 = 0.0;
    std::vector<std::string> chaos;
    std::string x_should_retry;
    double retry_after_ms = 0.0;
    std::string behaviour;
    std::int64_t capacity = 0;
    std::uint64_t keep_alive_interval_ms = 0;
    std::uint64_t queue_cutoff_ms = 0;
    std::int64_t rpm = 0;
    std::int64_t tpm = 0;
    std::uint64_t header_timeout_ms = 0;
    std::uint64_t body_timeout_ms = 0;
    std::uint64_t write_timeout_ms = 0;
};

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

void add_flags(CLI::App& app, ServerConfig& config, Flags& f) {
    const auto ms = [](auto limit) { return number_in(0.0, max_millis(limit), " ms"); };
    app.add_option("--profile", f.profile_path, "JSON profile file; flags override its fields");
    app.add_option("--host", config.host, "Bind address: an IP address or a host name")
        ->check(CLI::Validator(
            [](std::string& input) -> std::string {
                return input.empty() ? "invalid value ''; give an IP address or a host name" : "";
            },
            ""))
        ->capture_default_str();
    app.add_option("--port", f.port, "TCP port; 0 = pick a free one")
        ->check(number_in<std::uint64_t>(0, std::numeric_limits<std::uint16_t>::max(), ""));
    app.add_option("--latency-model", f.latency_model, "fixed, uniform, normal or lognormal")
        ->check(one_of({"fixed", "uniform", "normal", "lognormal"}));
    app.add_option("--latency-ms", f.latency_ms,
                   "Latency (fixed), mean (normal) or median (lognormal)")
        ->check(ms(kMaxLatency));
    app.add_option("--latency-min-ms", f.latency_min_ms, "Low end (uniform) or lower clamp")
        ->check(ms(kMaxLatency));
    app.add_option("--latency-max-ms", f.latency_max_ms, "High end (uniform) or upper clamp")
        ->check(ms(kMaxLatency));
    app.add_option("--latency-sd-ms", f.latency_sd_ms, "Standard deviation (normal)")
        ->check(ms(kMaxLatency));
    app.add_option("--latency-sigma", f.latency_sigma, "Sigma of ln(latency) (lognormal)")
        ->check(number_in(0.0, 10.0, ""));
    app.add_option("--ttft-ms", f.ttft_ms, "Time to first token, added to the latency")
        ->check(ms(kMaxLatency));
    app.add_option("--per-token-ms", f.per_token_ms, "Time per output token")
        ->check(ms(kMaxLatency));
    app.add_option("--load-capacity", f.load_capacity,
                   "In-service requests at which latency is --load-slowdown times (0 = off)")
        ->check(number_in<std::int64_t>(0, kMaxCapacity, ""));
    app.add_option("--load-slowdown", f.load_slowdown, "Latency factor at --load-capacity")
        ->check(number_in(1.0, 1000.0, ""));
    app.add_option("--precision-window-ms", f.precision_window_ms,
                   "Final part of each latency wait spent yielding instead of sleeping (0 = off)")
        ->check(ms(kMaxPrecisionWindow));
    app.add_option("--seed", f.seed, "Seed of every random decision")
        ->check(number_in<std::uint64_t>(0, std::numeric_limits<std::uint64_t>::max(), ""));
    app.add_option("--rate-429", f.rate_429, "Probability that a completion gets 429 (chaos)")
        ->check(number_in(0.0, 1.0, ""));
    app.add_option("--rate-500", f.rate_500, "Probability that a non-429 completion gets 500")
        ->check(number_in(0.0, 1.0, ""));
    app.add_option("--chaos", f.chaos, "A chaos fault's probability, e.g. 503=0.01 or hang=0.001")
        ->check(chaos_entry());
    app.add_option("--x-should-retry", f.x_should_retry,
                   "Send x-should-retry: true|false with chaos status faults")
        ->check(one_of({"true", "false"}));
    app.add_option("--retry-after-ms", f.retry_after_ms, "Retry hint of a 429 without its own")
        ->check(ms(kMaxRetryAfter));
    app.add_option("--behaviour", f.behaviour,
                   "unlimited, deepseek-legacy, deepseek-concurrency or openai-buckets")
        ->check(one_of({"unlimited", "deepseek-legacy", "deepseek-concurrency", "openai-buckets"}));
    app.add_option("--capacity", f.capacity, "Requests served at once (deepseek-*)")
        ->check(number_in<std::int64_t>(1, kMaxCapacity, ""));
    app.add_option("--keep-alive-interval-ms", f.keep_alive_interval_ms,
                   "Pause between keep-alive lines of a held request (deepseek-legacy)")
        ->check(number_in<std::uint64_t>(1, kMaxTimeoutMillis, " ms"));
    app.add_option("--queue-cutoff-ms", f.queue_cutoff_ms,
                   "Longest wait in the queue before the close (deepseek-legacy)")
        ->check(number_in<std::uint64_t>(1, kMaxTimeoutMillis, " ms"));
    app.add_option("--rpm", f.rpm, "Requests per minute (openai-buckets)")
        ->check(number_in<std::int64_t>(1, kMaxPerMinute, ""));
    app.add_option("--tpm", f.tpm, "Tokens per minute (openai-buckets)")
        ->check(number_in<std::int64_t>(1, kMaxPerMinute, ""));
    app.add_option("--journal-size", config.journal_capacity,
                   "Records the request journal keeps (0 = none)")
        ->check(number_in<std::size_t>(0, kMaxJournalCapacity, ""))
        ->capture_default_str();
    app.add_option("--max-body-bytes", config.max_body_bytes, "Largest request body; more: 413")
        ->check(number_in<std::size_t>(1, kMaxBodyBytesLimit, " bytes"))
        ->capture_default_str();
    app.add_option("--header-timeout-ms", f.header_timeout_ms, "Deadline for a request header")
        ->check(number_in<std::uint64_t>(1, kMaxTimeoutMillis, " ms"));
    app.add_option("--body-timeout-ms", f.body_timeout_ms, "Deadline for a request body")
        ->check(number_in<std::uint64_t>(1, kMaxTimeoutMillis, " ms"));
    app.add_option("--write-timeout-ms", f.write_timeout_ms, "Deadline for writing an answer")
        ->check(number_in<std::uint64_t>(1, kMaxTimeoutMillis, " ms"));
}

// The flags given, over the config (and its profile from --profile).
void apply_flags(const CLI::App& app, const Flags& f, ServerConfig& config) {
    const auto given = [&app](const char* name) { return app.count(name) > 0; };
    Profile& p = config.profile;
    LatencyModel& latency = p.latency;
    if (given("--port"))
        config.port = static_cast<std::uint16_t>(f.port);
    if (given("--latency-model"))
        latency.kind = *latency_kind_from_name(f.latency_model);
    if (given("--latency-ms"))
        latency.value = from_millis(f.latency_ms);
    if (given("--latency-min-ms"))
        latency.min = from_millis(f.latency_min_ms);
    if (given("--latency-max-ms"))
        latency.max = from_millis(f.latency_max_ms);
    if (given("--latency-sd-ms"))
        latency.sd = from_millis(f.latency_sd_ms);
    if (given("--latency-sigma"))
        latency.sigma = f.latency_sigma;
    if (given("--ttft-ms"))
        latency.time_to_first_token = from_millis(f.ttft_ms);
    if (given("--per-token-ms"))
        latency.per_token = from_millis(f.per_token_ms);
    if (given("--load-capacity"))
        latency.load.capacity = f.load_capacity;
    if (given("--load-slowdown"))
        latency.load.slowdown = f.load_slowdown;
    if (given("--precision-window-ms"))
        config.precision_window = from_millis(f.precision_window_ms);
    if (given("--seed"))
        p.seed = f.seed;
    if (given("--rate-429"))
        p.chaos.rate("429") = f.rate_429;
    if (given("--rate-500"))
        p.chaos.rate("500") = f.rate_500;
    for (const std::string& entry : f.chaos) {
        const auto equals = entry.find('=');
        p.chaos.rate(entry.substr(0, equals)) = std::stod(entry.substr(equals + 1));
    }
    if (given("--x-should-retry"))
        p.chaos.x_should_retry = f.x_should_retry == "true";
    if (given("--retry-after-ms"))
        p.retry_after = from_millis(f.retry_after_ms);
    BehaviourProfile& b = p.behaviour;
    if (given("--behaviour"))
        b.kind = *behaviour_from_name(f.behaviour);
    if (given("--capacity"))
        b.capacity = f.capacity;
    if (given("--keep-alive-interval-ms")) {
        b.keep_alive_interval = std::chrono::milliseconds(f.keep_alive_interval_ms);
    }
    if (given("--queue-cutoff-ms"))
        b.queue_cutoff = std::chrono::milliseconds(f.queue_cutoff_ms);
    if (given("--rpm"))
        b.requests_per_minute = f.rpm;
    if (given("--tpm"))
        b.tokens_per_minute = f.tpm;
    if (given("--header-timeout-ms")) {
        config.header_timeout = std::chrono::milliseconds(f.header_timeout_ms);
    }
    if (given("--body-timeout-ms"))
        config.body_timeout = std::chrono::milliseconds(f.body_timeout_ms);
    if (given("--write-timeout-ms")) {
        config.write_timeout = std::chrono::milliseconds(f.write_timeout_ms);
    }
}

}  // namespace

support::Expected<ServerConfig, int> parse_command_line(int argc, const char* const* argv,
                                                        std::ostream& out, std::ostream& err) {
    ServerConfig config;
    Flags flags;
    CLI::App app{"mock-llm: a mock DeepSeek (OpenAI-compatible) chat-completions server"};
    add_flags(app, config, flags);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return support::Unexpected(app.exit(help, out, err));
    } catch (const CLI::ParseError& error) {
        err << "mock-llm: " << error.what() << "\nRun with --help for the flags.\n";
        return support::Unexpected(kExitUsage);
    }
    if (!flags.profile_path.empty()) {
        auto profile = load_profile_file(flags.profile_path);
        if (!profile) {
            err << "mock-llm: --profile " << profile.error() << '\n';
            return support::Unexpected(kExitUsage);
        }
        config.profile = std::move(profile).value();
    }
    apply_flags(app, flags, config);
    if (auto valid = validate_config(config); !valid) {
        err << "mock-llm: " << valid.error() << '\n';
        return support::Unexpected(kExitUsage);
    }
    return config;
}

}  // namespace mock_llm::app
