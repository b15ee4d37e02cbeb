// qa-bench: the load-simulation harness. `run` measures one scenario over concurrency levels;
// `seed-compare` reproduces the original service's sequential-vs-parallel table.

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <utility>

#include "bench/commands.hpp"
#include "bench/common_setup.hpp"
#include "bench/recorded_command.hpp"
#include "qa/config/config_error.hpp"
#include "qa/config/value_parsers.hpp"

namespace {

// --llm-url and --out of any command: given empty, they would read as absent (the embedded
// mock, no files written), so they are refused instead.
std::optional<std::string> empty_value_error(const CLI::App& app) {
    const std::pair<const char*, const char*> options[] = {
        {"--llm-url", "an http:// or https:// URL"},
        {"--out", "a folder that can be created and written"}};
    for (const CLI::App* command : app.get_subcommands()) {
        for (const auto& [name, allowed] : options) {
            const CLI::Option* option = command->get_option_no_throw(name);
            if (option != nullptr && option->count() > 0 && option->as<std::string>().empty())
                return qa::ConfigError{name, "", allowed}.message();
        }
    }
    return std::nullopt;
}

// Flags client-cpu shares with the measuring commands but does not read: it runs at time scale
// 1 (its server has no latency of its own), always from a warm pool, its --rounds are its
// repetitions, and there is no embedded mock to pin. Given, they are refused, not ignored.
std::optional<std::string> client_cpu_flag_error(const CLI::App& command) {
    struct Unused {
        const char* name;
        bool is_switch;
        const char* why;
    };
    const Unused unused[] = {
        {"--time-scale", false, "it runs at time scale 1 against a server without latency"},
        {"--repetitions", false, "--rounds sets how often it measures"},
        {"--no-warm-up", true, "it always measures from a warm keep-alive pool"},
        {"--warm-up-runs", false, "--rounds sets how often it measures, one round after another"},
        {"--no-pin", true, "there is no embedded mock to pin"}};
    for (const auto& flag : unused) {
        const CLI::Option* option = command.get_option_no_throw(flag.name);
        if (option == nullptr || option->count() == 0)
            continue;
        const std::string given =
            flag.is_switch ? flag.name : qa::quoted_setting(flag.name, option->as<std::string>());
        return given + " does not apply to client-cpu (" + flag.why + ")";
    }
    return std::nullopt;
}

void add_common_flags(CLI::App& command, bench::CommonFlags& flags) {
    command.add_option("--time-scale", flags.time_scale,
                       "Multiplies every mock latency, Retry-After, backoff and timeout "
                       "(0.0001..100)");
    command.add_option("--llm-url", flags.llm_url,
                       "An external OpenAI-compatible server (default: the embedded mock)");
    command.add_option("--out", flags.out_dir, "Write summary.json and runs.csv under this folder");
    command.add_option("--rate-429", flags.rate_429,
                       "Embedded mock: share of calls answered 429 (0..1)");
    command.add_option("--rate-500", flags.rate_500,
                       "Embedded mock: share of calls answered 500 (0..1)");
    command.add_option("--seed", flags.seed, "Seeds the mock's faults and the backoff jitter");
    command.add_option("--repetitions", flags.repetitions,
                       "Measured runs per level (1..100); the median run is reported (default 1; "
                       "experiment sweeps: 3 where a level's lower bound is 50 ms or more)");
    command.add_flag("--no-warm-up", flags.no_warm_up,
                     "Measure from cold connections instead of a warm keep-alive pool");
    command.add_option("--warm-up-runs", flags.warm_up_runs,
                       "Whole runs per level before the measured ones, discarded (0..100, default "
                       "0): the process's caches, allocator and connections as after a while in "
                       "service");
    command.add_flag("--quiet", flags.quiet, "Log warnings and errors only");
    command.add_flag("--no-wake-latency", flags.no_wake_latency,
                     "Do not ask the kernel for fast CPU wake-ups (/dev/cpu_dma_latency) while "
                     "measuring");
    command.add_flag("--no-pin", flags.no_pin,
                     "Do not pin the embedded mock to its own CPU away from the client");
    command.add_option("--strategy", flags.strategy,
                       "Concurrency limit: fixed (the original), aimd or gradient (adaptive, "
                       "between LLM_LIMIT_MIN and the level); overrides LLM_LIMIT_STRATEGY. "
                       "run takes a list (fixed,aimd) and compares them");
    command.add_option("--rate-limit-rpm", flags.rate_limit_rpm,
                       "Client-side token bucket in requests per minute (0: none); overrides "
                       "LLM_RATE_LIMIT_RPM");
    command.add_option("--retry-budget", flags.retry_budget,
                       "Retries may add at most this share of calls (0..1, or off); overrides "
                       "LLM_RETRY_BUDGET");
    command.add_option("--http-version", flags.http_version,
                       "1.1 (a connection per call in flight) or 2 (streams multiplexed on one "
                       "connection, prior knowledge; http:// only); overrides LLM_HTTP_VERSION");
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"qa-bench: measures the LLM fan-out of the quality-analysis core"};
    app.require_subcommand(1);

    bench::RunFlags run_flags;
    auto* run = app.add_subcommand("run", "Run one scenario at one or more concurrency limits");
    auto* scenario_option = run->add_option(
        "--scenario", run_flags.scenario,
        "seed-38x91 (default), seed-50x120, or any generated corpus seed-FxU (F files, U "
        "uncertain functions); a list (seed-38x91,seed-50x120) runs each, reports under "
        "OUT/<scenario>/");
    run->add_option("--tests", run_flags.tests,
                    "Your own test files or directories instead of a generated corpus: phase 1 "
                    "runs on them and their uncertain functions are the calls")
        ->excludes(scenario_option);
    run->add_option("--concurrency", run_flags.concurrency,
                    "Levels: 1,10,50 or 1..50 (default: LLM_MAX_CONCURRENT_CALLS, else 10)");
    run->add_flag("--json", run_flags.json, "Print one JSON document instead of a table");
    run->add_option("--load", run_flags.load,
                    "closed (the scenario's calls under the limit) or open (analyses arriving "
                    "on a schedule, each fanning out its calls)");
    run->add_option("--arrival-rate", run_flags.arrival_rate,
                    "Open loop: analyses per second at time scale 1 (default 1)");
    run->add_option("--arrivals", run_flags.arrivals, "Open loop: poisson (default) or constant");
    run->add_option("--analyses", run_flags.analyses, "Open loop: how many arrive (default 20)");
    run->add_option("--fanout", run_flags.fanout,
                    "Open loop: calls per analysis (default: the scenario's)");
    run->add_option("--shard", run_flags.shard,
                    "I/N: run only the I-th (0-based) of N disjoint slices of the scenario, e.g. "
                    "one per machine; qa-bench merge combines the summaries");
    run->add_option("--limiter", run_flags.limiter,
                    "Open loop: shared (one limit for every analysis) or per-analysis; overrides "
                    "LLM_LIMITER_SCOPE (default: shared)");
    add_common_flags(*run, run_flags.common);

    bench::CommonFlags compare_flags;
    compare_flags.time_scale = "0.25";
    auto* compare = app.add_subcommand(
        "seed-compare", "Both seed scenarios at limit 1 and 10, beside the original's figures");
    add_common_flags(*compare, compare_flags);

    bench::ClientCpuFlags cpu_flags;
    auto* client_cpu = app.add_subcommand(
        "client-cpu", "CPU per call of the client against a server in another process");
    client_cpu->add_option("--concurrency", cpu_flags.concurrency, "Limit (1..50, default 50)");
    client_cpu->add_option("--rounds", cpu_flags.rounds,
                           "Rounds of the scenario's calls (default 300)");
    client_cpu->add_option(
        "--scenario", cpu_flags.scenario,
        "Whose calls each round makes: seed-50x120 (default: 120 calls, an analysis's worth, "
        "ramp-up and drain included), seed-38x91, or a generated corpus seed-FxU (e.g. "
        "seed-1500x3600: the sustained rate, as wrk measures a server's)");
    add_common_flags(*client_cpu, cpu_flags.common);

    bench::SoakFlags soak_flags;
    soak_flags.common.time_scale = "0.001";
    soak_flags.common.rate_429 = "0.05";
    soak_flags.common.rate_500 = "0.05";
    auto* soak = app.add_subcommand(
        "soak",
        "Many calls through one client under a fault mix: memory, descriptors, leaked "
        "connections, lost calls");
    soak->add_option("--concurrency", soak_flags.concurrency, "Limit (1..50, default 50)");
    soak->add_option("--calls", soak_flags.calls, "Calls in all (default 200000)");
    soak->add_option("--every", soak_flags.every, "Calls between checkpoints (default 20000)");
    add_common_flags(*soak, soak_flags.common);

    bench::ExperimentFlags experiment_flags;
    experiment_flags.common.time_scale = "0.01";
    auto* experiment = app.add_subcommand(
        "experiment", "Run a built-in experiment and print its conclusion table (--list)");
    experiment->add_option("name", experiment_flags.name,
                           "sweeps, shared-limit, rate-limited or fault-mix");
    experiment->add_flag("--list", experiment_flags.list, "List the experiments and questions");
    add_common_flags(*experiment, experiment_flags.common);

    bench::MergeFlags merge_flags;
    auto* merge = app.add_subcommand(
        "merge", "Combine the summaries of a sharded run exactly (histograms add, never averaged)");
    merge->add_option("summaries", merge_flags.summaries, "Each shard's summary.json")->required();
    merge->add_option("--out", merge_flags.out_dir, "Write the merged report under this folder");
    merge->add_flag("--json", merge_flags.json, "Print the merged JSON instead of a table");

    bench::CompareFlags gate_flags;
    auto* gate = app.add_subcommand(
        "compare", "Check a run's summary.json against a baseline's (exit 3 on a regression)");
    gate->add_option("baseline", gate_flags.baseline, "summary.json of the baseline")->required();
    gate->add_option("run", gate_flags.run, "summary.json of the run under test")->required();
    gate->add_option("--tolerance", gate_flags.tolerance,
                     "Share by which a level's ratio may exceed the baseline's (default 0.10)");
    gate->add_option("--threshold", gate_flags.thresholds,
                     "METRIC[@LIMIT] OP NUMBER on every level, e.g. 'ratio<1.05', 'failed==0', "
                     "'p99_total_s<0.7' (repeatable)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::ConversionError& e) {
        return bench::usage_error(std::string(e.what()) + " (" + std::string(qa::kSwitchValues) +
                                  ")");
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return bench::kExitUsage;
    }
    if (const auto error = empty_value_error(app))
        return bench::usage_error(*error);

    if (gate->parsed())
        return bench::command_compare(gate_flags);
    if (merge->parsed())
        return bench::command_merge(merge_flags);
    std::error_code no_working_dir;  // then the arguments are recorded as typed
    const std::string command_line = bench::recorded_command(
        std::vector<std::string>(argv, argv + argc), std::filesystem::current_path(no_working_dir));
    if (soak->parsed()) {
        soak_flags.common.command_line = command_line;
        return bench::command_soak(soak_flags);
    }
    if (run->parsed()) {
        run_flags.common.command_line = command_line;
        return bench::command_run(run_flags);
    }
    if (experiment->parsed()) {
        experiment_flags.common.command_line = command_line;
        return bench::command_experiment(experiment_flags);
    }
    if (client_cpu->parsed()) {
        if (const auto error = client_cpu_flag_error(*client_cpu))
            return bench::usage_error(*error);
        cpu_flags.common.command_line = command_line;
        return bench::command_client_cpu(cpu_flags);
    }
    compare_flags.command_line = command_line;
    return bench::command_seed_compare(compare_flags);
}
