#include <iostream>

#include "bench/commands.hpp"
#include "bench/common_setup.hpp"
#include "bench/concurrency_list.hpp"
#include "bench/open_loop.hpp"
#include "bench/report.hpp"
#include "bench/wake_latency.hpp"
#include "qa/config/value_parsers.hpp"

namespace bench {
namespace {

qa::Expected<OpenLoopOptions, qa::ConfigError> parse_open_loop(const RunFlags& flags) {
    OpenLoopOptions load;
    const auto rate = qa::parse_double_setting("--arrival-rate", flags.arrival_rate, 0.001, 1e6);
    if (!rate)
        return qa::Unexpected(rate.error());
    load.arrival_rate = *rate;
    if (flags.arrivals != "poisson" && flags.arrivals != "constant")
        return qa::Unexpected(qa::ConfigError{"--arrivals", flags.arrivals, "poisson or constant"});
    load.poisson = flags.arrivals == "poisson";
    const auto analyses = qa::parse_int_setting("--analyses", flags.analyses, 1, 100000);
    if (!analyses)
        return qa::Unexpected(analyses.error());
    load.analyses = *analyses;
    const auto fanout = qa::parse_int_setting("--fanout", flags.fanout, 0, 100000);
    if (!fanout)
        return qa::Unexpected(fanout.error());
    load.fanout = *fanout;
    if (flags.limiter != "shared" && flags.limiter != "per-analysis")
        return qa::Unexpected(
            qa::ConfigError{"--limiter", flags.limiter, "shared or per-analysis"});
    load.shared_limiter = flags.limiter == "shared";
    return load;
}

// "I/N" with 0 <= I < N <= 10000.
qa::Expected<std::pair<int, int>, qa::ConfigError> parse_shard(const std::string& text) {
    const qa::ConfigError bad{"--shard", text, "I/N with 0 <= I < N, e.g. 0/4"};
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

}  // namespace

int command_run(const RunFlags& flags) {
    const auto scenario = find_scenario(flags.scenario);
    if (!scenario)
        return usage_error("--scenario: " + scenario.error());
    auto setup = prepare_common(flags.common, *scenario);
    if (!setup)
        return usage_error(setup.error().message());

    std::vector<int> levels = {setup->settings.max_concurrent_calls};
    if (flags.concurrency) {
        auto parsed = parse_concurrency_list("--concurrency", *flags.concurrency);
        if (!parsed)
            return usage_error(parsed.error().message());
        levels = *parsed;
    }

    const auto shard = parse_shard(flags.shard);
    if (!shard)
        return usage_error(shard.error().message());

    std::optional<OpenLoopOptions> open_loop;
    if (flags.load == "open") {
        auto parsed = parse_open_loop(flags);
        if (!parsed)
            return usage_error(parsed.error().message());
        open_loop = *parsed;
    } else if (flags.load != "closed") {
        return usage_error(qa::ConfigError{"--load", flags.load, "closed or open"}.message());
    }

    auto target = Target::start(setup->target);
    if (!target)
        return usage_error(target.error());
    if ((*target)->embedded()) {
        setup->log.info("embedded mock at " + (*target)->base_url() + " (latency " +
                        std::to_string(setup->target.latency.count() / 1000.0) + " ms)");
    }

    const WakeLatencyGuard wake_latency(!flags.common.no_wake_latency);
    RunReport report = new_report(*scenario, *setup, flags.common, **target, wake_latency.held());
    LevelOptions options{*scenario,   setup->time_scale, setup->settings, !flags.common.no_warm_up,
                         setup->seed, setup->repetitions};
    options.shard_index = shard->first;
    options.shard_count = shard->second;
    report.shard_index = shard->first;
    report.shard_count = shard->second;
    const auto shard_calls = static_cast<std::uint64_t>(
        select_shard(make_tasks(*scenario), shard->first, shard->second).size());
    int status = kExitOk;
    for (int level : levels) {
        auto result = open_loop
                          ? run_open_loop_blocking(**target, options, level, *open_loop, setup->log)
                          : run_level_blocking(**target, options, level, setup->log);
        if (!result) {
            std::cerr << "qa-bench: limit " << level << ": " << result.error() << '\n';
            status = kExitRunFailed;
            continue;
        }
        const auto expected_calls = open_loop
                                        ? static_cast<std::uint64_t>(result->open_loop->analyses) *
                                              static_cast<std::uint64_t>(result->open_loop->fanout)
                                        : shard_calls;
        if (result->calls_ok + result->calls_failed != expected_calls) {
            status = kExitRunFailed;  // a lost call is a bug worth failing loudly on
        }
        report.runs.push_back(std::move(*result));
    }

    if (flags.json) {
        std::cout << to_json(report).dump(2) << '\n';
    } else {
        write_table(std::cout, report);
    }
    if (!flags.common.out_dir.empty()) {
        if (auto written = write_report_files(flags.common.out_dir, report); !written) {
            std::cerr << "qa-bench: " << written.error() << '\n';
            status = kExitRunFailed;
        }
    }
    return status;
}

}  // namespace bench
