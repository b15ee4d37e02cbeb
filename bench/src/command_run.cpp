#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "bench/commands.hpp"
#include "bench/common_setup.hpp"
#include "bench/concurrency_list.hpp"
#include "bench/json_text.hpp"
#include "bench/open_loop.hpp"
#include "bench/progress.hpp"
#include "bench/report.hpp"
#include "bench/run_flags.hpp"
#include "bench/wake_latency.hpp"
#include "bench/workload.hpp"

namespace bench {
namespace {

// Splits "a,b,c" into its items (one item when there is no comma).
std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> items;
    std::size_t begin = 0;
    for (;;) {
        const auto comma = text.find(',', begin);
        items.push_back(text.substr(begin, comma - begin));
        if (comma == std::string::npos)
            return items;
        begin = comma + 1;
    }
}

// The scenario called `name`, or the user's tests: found, not yet read (see count_calls).
qa::Expected<Scenario, std::string> find_run_scenario(const RunFlags& flags,
                                                      const std::string& name) {
    if (!flags.tests.empty())
        return tests_scenario({flags.tests.begin(), flags.tests.end()});
    return find_scenario(name);
}

// The scenario's counts checked by one phase 1 (for --tests, filled in from it: how many files
// could be read and how many functions the rules are unsure about).
qa::Expected<void, std::string> count_calls(const RunFlags& flags, Scenario& scenario) {
    const auto workload = run_phase1_blocking(scenario);
    if (!workload)
        return qa::Unexpected((flags.tests.empty() ? "--scenario: " : "--tests: ") +
                              workload.error());
    if (!flags.tests.empty()) {
        scenario.files = static_cast<int>(workload->phase1.files);
        scenario.calls = static_cast<int>(workload->phase1.uncertain);
    }
    return {};
}

// One limit strategy of the run: its own settings (--strategy fixed,aimd compares both).
struct StrategyRun {
    std::string name;
    CommonSetup setup;
};

// Everything a run measures, validated before the first measurement.
struct RunPlan {
    std::vector<Scenario> scenarios;
    std::vector<StrategyRun> strategies;
    std::vector<int> levels;
    std::pair<int, int> shard{0, 1};
    std::optional<OpenLoopOptions> open_loop;
};

// Every flag is checked before phase 1 reads a scenario's files, so a bad one exits at once;
// run's own flags before the common ones, as those make the --out folder.
qa::Expected<RunPlan, std::string> plan_run(const RunFlags& flags) {
    RunPlan plan;
    std::optional<std::vector<int>> levels;
    if (flags.concurrency) {
        auto parsed = parse_concurrency_list("--concurrency", *flags.concurrency);
        if (!parsed)
            return qa::Unexpected(parsed.error().message());
        levels = std::move(*parsed);
    }
    const auto shard = parse_shard(flags.shard);
    if (!shard)
        return qa::Unexpected(shard.error().message());
    plan.shard = *shard;
    auto open_loop = parse_load(flags);
    if (!open_loop)
        return qa::Unexpected(open_loop.error());
    plan.open_loop = *open_loop;
    const auto names =
        flags.tests.empty() ? split_list(flags.scenario) : std::vector<std::string>{"tests"};
    for (const auto& name : names) {
        auto scenario = find_run_scenario(flags, name);
        if (!scenario)
            return qa::Unexpected(scenario.error());
        plan.scenarios.push_back(std::move(*scenario));
    }
    const auto strategies =
        flags.common.strategy ? split_list(*flags.common.strategy) : std::vector<std::string>{""};
    for (const auto& strategy : strategies) {
        CommonFlags common = flags.common;
        if (flags.common.strategy)
            common.strategy = strategy;
        auto setup = prepare_common(common, plan.scenarios.front());
        if (!setup) {
            auto error = setup.error();
            if (error.variable == "--strategy" && strategies.size() > 1) {
                // Name the list as typed, and which item of it is wrong.
                error.allowed = "a comma-separated list of fixed, aimd, gradient; \"" +
                                error.value + "\" is not one";
                error.value = *flags.common.strategy;
            }
            return qa::Unexpected(error.message());
        }
        const std::string name(qa::to_string(setup->settings.limit_strategy));
        plan.strategies.push_back(StrategyRun{name, std::move(*setup)});
    }
    // An open loop is one schedule of arrivals from cold connections: flags about runs and
    // their warm-up are refused there, not ignored.
    if (plan.open_loop) {
        if (auto refused = refused_run_flags(
                flags.common, plan.strategies.front().setup,
                " applies only with --load closed (an open loop's analyses arrive on a schedule, "
                "not in runs)",
                " applies only with --load closed (an open loop is one schedule of arrivals; "
                "run it again for another)"))
            return qa::Unexpected(*refused);
    }
    // No --limiter: LLM_LIMITER_SCOPE decides where it is set, else one limit for every analysis.
    if (plan.open_loop && !flags.limiter && qa::process_env("LLM_LIMITER_SCOPE")) {
        plan.open_loop->shared_limiter =
            plan.strategies.front().setup.settings.limiter_scope == qa::LimiterScope::shared;
    }
    plan.levels = levels.value_or(
        std::vector<int>{plan.strategies.front().setup.settings.max_concurrent_calls});
    for (auto& scenario : plan.scenarios) {
        if (auto counted = count_calls(flags, scenario); !counted)
            return qa::Unexpected(counted.error());
    }
    return plan;
}

std::string step_result(const LevelResult& run) {
    std::ostringstream text;
    text << std::fixed << std::setprecision(4) << "makespan " << run.makespan_s << " s";
    if (!run.open_loop)
        text << std::setprecision(3) << ", ratio " << run.ratio;
    text << ", ok " << run.calls_ok << ", failed " << run.calls_failed << ", retries "
         << run.retries;
    return text.str();
}

// One scenario: every strategy at every level, against its own target. Returns the exit
// status; the report is written, printed as a table, and with --json added to `documents`.
int run_scenario(const RunFlags& flags, const RunPlan& plan, const Scenario& scenario,
                 const std::string& out_dir, Progress& progress, nlohmann::json& documents) {
    // The target's latency is the scenario's; faults and seed are the same for every strategy.
    CommonSetup base = plan.strategies.front().setup;
    base.log = progress.around(base.log);
    base.target.latency = qa::scale_duration(scenario.call_latency, base.time_scale);
    base.target.retry_after = base.target.latency;
    auto target = Target::start(base.target);
    if (!target)
        return usage_error(target.error());
    if ((*target)->embedded()) {
        base.log.info("embedded mock at " + (*target)->base_url() + " (latency " +
                      std::to_string(base.target.latency.count() / 1000.0) + " ms)");
    }

    const WakeLatencyGuard wake_latency(!flags.common.no_wake_latency);
    RunReport report = new_report(scenario, base, flags.common, **target, wake_latency.held());
    // An open loop's connections open as its analyses arrive: it has no warm-up round.
    if (plan.open_loop)
        report.warm_up = false;
    report.shard_index = plan.shard.first;
    report.shard_count = plan.shard.second;
    // Shard i of n holds the calls i, i+n, i+2n, ... (select_shard).
    const auto shard_calls = static_cast<std::uint64_t>(
        (scenario.calls + plan.shard.second - 1 - plan.shard.first) / plan.shard.second);
    int status = kExitOk;
    for (const auto& strategy : plan.strategies) {
        LevelOptions options{scenario,
                             strategy.setup.time_scale,
                             strategy.setup.settings,
                             !flags.common.no_warm_up,
                             strategy.setup.seed,
                             strategy.setup.repetitions,
                             strategy.setup.warm_up_runs};
        options.shard_index = plan.shard.first;
        options.shard_count = plan.shard.second;
        for (int level : plan.levels) {
            progress.start(scenario.name + " " + strategy.name + " limit " + std::to_string(level));
            auto result = plan.open_loop ? run_open_loop_blocking(**target, options, level,
                                                                  *plan.open_loop, base.log)
                                         : run_level_blocking(**target, options, level, base.log);
            if (!result) {
                progress.finish("FAILED: " + result.error());
                std::cerr << "qa-bench: " << scenario.name << " limit " << level << ": "
                          << result.error() << '\n';
                status = kExitRunFailed;
                continue;
            }
            progress.finish(step_result(*result));
            const auto expected_calls =
                plan.open_loop ? static_cast<std::uint64_t>(result->open_loop->analyses) *
                                     static_cast<std::uint64_t>(result->open_loop->fanout)
                               : shard_calls;
            if (result->calls_ok + result->calls_failed != expected_calls)
                status = kExitRunFailed;  // a lost call is a bug worth failing loudly on
            if (expected_calls > 0 && result->calls_ok == 0) {
                // Failures are data, but a level where nothing succeeded measured no fan-out:
                // most likely the server could not be used at all.
                std::cerr << "qa-bench: " << scenario.name << " limit " << level
                          << ": no call succeeded (" << result->calls_failed << " failed)\n";
                status = kExitRunFailed;
            }
            report.runs.push_back(std::move(*result));
        }
    }
    progress.close();

    if (flags.json) {
        documents.push_back(to_json(report));
    } else {
        write_table(std::cout, report);
    }
    if (!out_dir.empty()) {
        if (auto written = write_report_files(out_dir, report); !written) {
            std::cerr << "qa-bench: " << written.error() << '\n';
            status = kExitRunFailed;
        }
    }
    return status;
}

}  // namespace

int command_run(const RunFlags& flags) {
    const auto plan = plan_run(flags);
    if (!plan)
        return usage_error(plan.error());
    const int steps =
        static_cast<int>(plan->scenarios.size() * plan->strategies.size() * plan->levels.size());
    Progress progress(steps, !flags.common.quiet);
    int status = kExitOk;
    nlohmann::json documents = nlohmann::json::array();
    for (const auto& scenario : plan->scenarios) {
        // Several scenarios: one report each, under OUT/<scenario>/.
        std::string out_dir = flags.common.out_dir;
        if (!out_dir.empty() && plan->scenarios.size() > 1)
            out_dir = (std::filesystem::path(out_dir) / scenario.name).string();
        const int scenario_status =
            run_scenario(flags, *plan, scenario, out_dir, progress, documents);
        if (scenario_status == kExitUsage)
            return scenario_status;
        status = std::max(status, scenario_status);
    }
    // --json prints one document: the scenario's report, or {"scenarios": [...]} for several.
    if (flags.json && !documents.empty()) {
        const nlohmann::json document =
            documents.size() == 1 ? documents.front() : nlohmann::json{{"scenarios", documents}};
        std::cout << json_text(document, 2) << '\n';
    }
    return status;
}

}  // namespace bench
