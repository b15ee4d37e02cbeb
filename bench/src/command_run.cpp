#include <iostream>

#include "bench/commands.hpp"
#include "bench/common_setup.hpp"
#include "bench/concurrency_list.hpp"
#include "bench/report.hpp"
#include "bench/wake_latency.hpp"

namespace bench {

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
    int status = kExitOk;
    for (int level : levels) {
        auto result = run_level_blocking(**target, options, level, setup->log);
        if (!result) {
            std::cerr << "qa-bench: limit " << level << ": " << result.error() << '\n';
            status = kExitRunFailed;
            continue;
        }
        if (result->calls_ok + result->calls_failed !=
            static_cast<std::uint64_t>(scenario->calls)) {
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
