#include "bench/common_setup.hpp"

#include <iostream>

#include "bench/allocator.hpp"
#include "bench/machine_probe.hpp"
#include "qa/config/output_dir.hpp"
#include "qa/config/settings.hpp"
#include "qa/config/value_parsers.hpp"
#include "qa/llm/endpoint.hpp"
#include "qa/llm/http_version.hpp"

namespace bench {
RunReport new_report(const Scenario& scenario, const CommonSetup& setup, const CommonFlags& flags,
                     const Target& target, bool wake_latency_held) {
    RunReport report;
    report.scenario = scenario;
    report.time_scale = setup.time_scale;
    report.command = flags.command_line;
    report.server = target.embedded() ? "embedded mock" : target.base_url();
    report.mock_cpu = target.mock_cpu();
    report.warm_up = !flags.no_warm_up;
    report.warm_up_runs = setup.warm_up_runs;
    report.mock_profile = target.profile();
    report.wake_latency_held = wake_latency_held;
    report.allocator = allocator_in_use();
    // Under the same wake-latency request as the runs, waking this thread from the mock's CPU,
    // as its answers will.
    if (auto probe = probe_machine_blocking(target.mock_cpu()))
        report.machine = *probe;
    else
        setup.log.warn(probe.error());
    return report;
}

std::optional<std::string> refused_run_flags(const CommonFlags& flags, const CommonSetup& setup,
                                             const std::string& warm_up_runs_text,
                                             const std::string& repetitions_text) {
    if (setup.warm_up_runs > 0)
        return qa::quoted_setting("--warm-up-runs", flags.warm_up_runs) + warm_up_runs_text;
    if (setup.repetitions > 1)
        return qa::quoted_setting("--repetitions", *flags.repetitions) + repetitions_text;
    return std::nullopt;
}

int usage_error(const std::string& message) {
    std::cerr << "qa-bench: " << message << '\n';
    return kExitUsage;
}

namespace {

// Where the run goes and what it writes: --llm-url must be a URL, and the --out folder is made
// now, so neither fails after the measurement.
std::optional<qa::ConfigError> check_destinations(const CommonFlags& flags) {
    if (!flags.llm_url.empty()) {
        if (auto endpoint = qa::parse_endpoint_setting("--llm-url", flags.llm_url); !endpoint)
            return std::move(endpoint).error();
    }
    if (!flags.out_dir.empty()) {
        if (auto made = qa::make_output_dir("--out", flags.out_dir); !made)
            return made.error();
    }
    return std::nullopt;
}

// HTTP/2 is spoken by prior knowledge, so on http:// only. The client refuses it too, but only
// once a run is under way and naming LLM_BASE_URL: here it is refused before anything starts,
// naming what the user typed.
std::optional<qa::ConfigError> check_http_version(const CommonFlags& flags,
                                                  const qa::Settings& settings) {
    if (settings.http_version != qa::HttpVersion::http2 || flags.llm_url.empty())
        return std::nullopt;
    const auto endpoint = qa::parse_endpoint_setting("--llm-url", flags.llm_url);
    if (!endpoint || !endpoint->tls)
        return std::nullopt;  // a bad URL is check_destinations' to report
    const bool from_flag = flags.http_version.has_value();
    return qa::ConfigError{
        from_flag ? "--http-version" : "LLM_HTTP_VERSION",
        from_flag ? *flags.http_version : qa::process_env("LLM_HTTP_VERSION").value_or("2"),
        qa::http2_needs_plain_http("--llm-url")};
}

}  // namespace

qa::Expected<CommonSetup, qa::ConfigError> prepare_common(const CommonFlags& flags,
                                                          const Scenario& latency_from) {
    CommonSetup setup;
    const auto scale = qa::parse_double_setting("--time-scale", flags.time_scale, 0.0001, 100.0);
    if (!scale)
        return qa::Unexpected(scale.error());
    setup.time_scale = *scale;
    const auto rate_429 = qa::parse_double_setting("--rate-429", flags.rate_429, 0.0, 1.0);
    if (!rate_429)
        return qa::Unexpected(rate_429.error());
    const auto rate_500 = qa::parse_double_setting("--rate-500", flags.rate_500, 0.0, 1.0);
    if (!rate_500)
        return qa::Unexpected(rate_500.error());
    const auto seed = qa::parse_int_setting("--seed", flags.seed, 0, 1'000'000'000);
    if (!seed)
        return qa::Unexpected(seed.error());
    setup.seed = static_cast<std::uint64_t>(*seed);
    const auto repetitions =
        qa::parse_int_setting("--repetitions", flags.repetitions.value_or("1"), 1, 100);
    if (!repetitions)
        return qa::Unexpected(repetitions.error());
    setup.repetitions = *repetitions;
    setup.repetitions_given = flags.repetitions.has_value();
    const auto warm_up_runs = qa::parse_int_setting("--warm-up-runs", flags.warm_up_runs, 0, 100);
    if (!warm_up_runs)
        return qa::Unexpected(warm_up_runs.error());
    if (*warm_up_runs > 0 && flags.no_warm_up) {
        // A warm-up run opens the connections the measured runs would then find warm.
        return qa::Unexpected(
            qa::ConfigError{"--warm-up-runs", flags.warm_up_runs, "0 with --no-warm-up"});
    }
    setup.warm_up_runs = *warm_up_runs;
    if (!flags.llm_url.empty() && (*rate_429 > 0 || *rate_500 > 0)) {
        return qa::Unexpected(qa::ConfigError{"--rate-429/--rate-500",
                                              flags.rate_429 + "/" + flags.rate_500,
                                              "0 with --llm-url (faults are the embedded mock's)"});
    }
    // The flow-control flags go through the same parser as their variables, which they
    // override; an error names the flag the user typed.
    struct Override {
        std::string_view variable;
        const char* flag;
        const std::optional<std::string>& value;
    };
    const Override overrides[] = {{"LLM_LIMIT_STRATEGY", "--strategy", flags.strategy},
                                  {"LLM_RATE_LIMIT_RPM", "--rate-limit-rpm", flags.rate_limit_rpm},
                                  {"LLM_RETRY_BUDGET", "--retry-budget", flags.retry_budget},
                                  {"LLM_HTTP_VERSION", "--http-version", flags.http_version}};
    const auto env = [&](std::string_view name) -> std::optional<std::string> {
        for (const auto& o : overrides) {
            if (name == o.variable && o.value)
                return *o.value;
        }
        return qa::process_env(name);
    };
    auto settings = qa::settings_from_env(env);
    if (!settings) {
        auto error = settings.error();
        for (const auto& o : overrides) {
            if (error.variable == o.variable && o.value)
                error.variable = o.flag;
        }
        return qa::Unexpected(error);
    }
    setup.settings = *settings;
    if (auto error = check_http_version(flags, setup.settings))
        return qa::Unexpected(*error);
    // An external server answers in real time: its Retry-After is scaled here, like every other
    // duration. The embedded mock's hints are scaled where it makes them.
    if (!flags.llm_url.empty())
        setup.settings.retry_after_scale = setup.time_scale;
    // Last, once every value is known good: a refused value must leave no --out folder behind.
    if (auto error = check_destinations(flags))
        return qa::Unexpected(*error);

    setup.log = qa::Logger(std::make_shared<qa::StderrSink>(),
                           flags.quiet ? qa::LogLevel::warn : qa::LogLevel::info);
    setup.log.redact(setup.settings.api_key);

    setup.target.external_url = flags.llm_url;
    setup.target.latency = qa::scale_duration(latency_from.call_latency, setup.time_scale);
    // The mock's Retry-After hint: one call latency, on the same time scale as everything else.
    setup.target.retry_after = setup.target.latency;
    setup.target.rate_429 = *rate_429;
    setup.target.rate_500 = *rate_500;
    setup.target.seed = setup.seed;
    setup.target.separate_cpus = !flags.no_pin;
    return setup;
}

qa::Expected<StartedSetup, std::string> prepare_and_start(const CommonFlags& flags,
                                                          const Scenario& scenario) {
    auto setup = prepare_common(flags, scenario);
    if (!setup)
        return qa::Unexpected(setup.error().message());
    auto target = Target::start(setup->target);
    if (!target)
        return qa::Unexpected(target.error());
    return StartedSetup{std::move(*setup), std::move(*target)};
}

}  // namespace bench
