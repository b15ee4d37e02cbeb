#include "bench/run_flags.hpp"

#include <string_view>

#include "qa/config/value_parsers.hpp"

namespace bench {
namespace {

// `text` as the first of two names (true) or the second (false).
qa::Expected<bool, qa::ConfigError> parse_either(std::string_view flag, const std::string& text,
                                                 std::string_view first, std::string_view second) {
    if (text != first && text != second) {
        return qa::Unexpected(qa::ConfigError{std::string(flag), text,
                                              std::string(first) + " or " + std::string(second)});
    }
    return text == first;
}

// The open-loop options: OpenLoopOptions' defaults, overridden by the flags given.
qa::Expected<OpenLoopOptions, qa::ConfigError> parse_open_loop(const RunFlags& flags) {
    OpenLoopOptions load;
    std::optional<qa::ConfigError> first_error;
    const auto take = [&](const auto& parsed, auto& into) {
        if (parsed)
            into = *parsed;
        else if (!first_error)
            first_error = parsed.error();
    };
    if (const auto& text = flags.arrival_rate)
        take(qa::parse_double_setting("--arrival-rate", *text, 0.001, 1e6), load.arrival_rate);
    if (const auto& text = flags.arrivals)
        take(parse_either("--arrivals", *text, "poisson", "constant"), load.poisson);
    if (const auto& text = flags.analyses)
        take(qa::parse_int_setting("--analyses", *text, 1, 100000), load.analyses);
    if (const auto& text = flags.fanout)
        take(qa::parse_int_setting("--fanout", *text, 0, 100000), load.fanout);
    if (const auto& text = flags.limiter)
        take(parse_either("--limiter", *text, "shared", "per-analysis"), load.shared_limiter);
    if (first_error)
        return qa::Unexpected(*first_error);
    return load;
}

}  // namespace

qa::Expected<std::optional<OpenLoopOptions>, std::string> parse_load(const RunFlags& flags) {
    if (flags.load != "closed" && flags.load != "open")
        return qa::Unexpected(qa::ConfigError{"--load", flags.load, "closed or open"}.message());
    const auto open_loop = parse_open_loop(flags);
    if (!open_loop)
        return qa::Unexpected(open_loop.error().message());
    if (flags.load == "open")
        return std::optional<OpenLoopOptions>(*open_loop);
    const std::pair<const char*, const std::optional<std::string>&> open_loop_flags[] = {
        {"--arrival-rate", flags.arrival_rate},
        {"--arrivals", flags.arrivals},
        {"--analyses", flags.analyses},
        {"--fanout", flags.fanout},
        {"--limiter", flags.limiter}};
    for (const auto& [flag, value] : open_loop_flags) {
        if (value) {
            return qa::Unexpected(qa::quoted_setting(flag, *value) +
                                  " applies only with --load open (this run's load is closed)");
        }
    }
    return std::optional<OpenLoopOptions>();
}

qa::Expected<std::pair<int, int>, qa::ConfigError> parse_shard(const std::string& text) {
    const qa::ConfigError bad{"--shard", text, "I/N with 0 <= I < N <= 10000, e.g. 0/4"};
    const auto slash = text.find('/');
    if (slash == std::string::npos)
        return qa::Unexpected(bad);
    const auto count = qa::parse_int_setting("--shard", text.substr(slash + 1), 1, 10000);
    if (!count)
        return qa::Unexpected(bad);
    const auto index = qa::parse_int_setting("--shard", text.substr(0, slash), 0, *count - 1);
    if (!index)
        return qa::Unexpected(bad);
    return std::pair{*index, *count};
}

}  // namespace bench
