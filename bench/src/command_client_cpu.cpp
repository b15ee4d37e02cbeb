// client-cpu: what one LLM call costs the client in CPU, measured against a server in another
// process so that only the client's work is counted: the production LLM phase runs the
// scenario's calls (seed-50x120 unless --scenario says otherwise) round after round; the CPU
// its thread used during phase 2 (not phase 1, which each round runs first and is reported
// apart) is divided by the calls made. The figure is the median over the rounds, with the 10th
// and 90th percentiles for the spread: one round lasts a few milliseconds, so a single one may
// well include an interrupt or a cache-cold start. The mean over all rounds is printed too, with
// its kernel (system) part: on loopback, sending a request runs the server's receive path in the
// kernel on the client's CPU, a cost every client pays (bench/client_cpu.sh prints wrk's beside
// it).
//
// A round of seed-50x120 is one analysis: its calls per second include the ramp-up (50 requests
// sent before the first answer is read) and the drain (the last answers awaited with nothing
// left to send), a fifth of a round at zero latency. wrk measures a server with 50 connections
// kept busy throughout; the client's sustained rate, its match, comes from a round with
// thousands of calls (a generated corpus such as seed-1500x3600), where ramp-up and drain are a
// few percent.

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <numeric>
#include <vector>

#include "bench/allocator.hpp"
#include "bench/commands.hpp"
#include "bench/common_setup.hpp"
#include "qa/config/value_parsers.hpp"

namespace bench {
namespace {

// The value at quantile q (0..1) of `values` (non-empty), by nearest rank.
double quantile(std::vector<double> values, double q) {
    const auto rank = static_cast<std::size_t>(q * static_cast<double>(values.size() - 1) + 0.5);
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(rank),
                     values.end());
    return values[rank];
}

}  // namespace

int command_client_cpu(const ClientCpuFlags& flags) {
    if (flags.common.llm_url.empty()) {
        return usage_error("client-cpu needs --llm-url: the server must run in another process");
    }
    if (!flags.common.out_dir.empty()) {
        return usage_error(
            qa::quoted_setting("--out", flags.common.out_dir) +
            " does not apply to client-cpu (it prints its figures, writes no files)");
    }
    const auto concurrency = qa::parse_int_setting("--concurrency", flags.concurrency, 1, 50);
    if (!concurrency)
        return usage_error(concurrency.error().message());
    const auto rounds = qa::parse_int_setting("--rounds", flags.rounds, 1, 100000);
    if (!rounds)
        return usage_error(rounds.error().message());
    const auto scenario = find_scenario(flags.scenario);
    if (!scenario)
        return usage_error(scenario.error());
    auto prepared = prepare_and_start(flags.common, *scenario);
    if (!prepared)
        return usage_error(prepared.error());
    auto& setup = prepared->setup;
    auto& target = prepared->target;

    LevelOptions options{*scenario, 1.0, setup.settings, true, setup.seed, *rounds};
    const auto started = std::chrono::steady_clock::now();
    const auto result = run_level_blocking(*target, options, *concurrency, setup.log);
    const double wall_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!result) {
        std::cerr << "qa-bench: " << result.error() << '\n';
        return kExitRunFailed;
    }

    // Every round makes the same calls; the calls per second are the median round's (by
    // makespan), the CPU per call the median over all rounds of the client thread's CPU.
    const double calls = static_cast<double>(result->calls_ok + result->calls_failed);
    const auto cpu_us = [&](double q) { return quantile(result->client_cpus_s, q) * 1e6 / calls; };
    // Summed over the rounds: the kernel's share is only known that way (per round its count
    // is off by up to a tick), and it is what compares with wrk's user and system times.
    const auto all_rounds_us = [&](const std::vector<double>& per_round) {
        return std::accumulate(per_round.begin(), per_round.end(), 0.0) * 1e6 /
               (calls * static_cast<double>(per_round.size()));
    };
    std::cout << std::fixed << std::setprecision(1) << "client-cpu: " << *rounds << " rounds of "
              << result->calls_ok + result->calls_failed << " calls (" << scenario->name
              << ") at limit " << *concurrency << " against " << flags.common.llm_url << " in "
              << wall_s << " s; the median round: " << std::setprecision(0)
              << calls / result->makespan_s << " calls/s; CPU per call " << std::setprecision(1)
              << cpu_us(0.5) << " us (median of the rounds; 10th-90th percentile " << cpu_us(0.1)
              << "-" << cpu_us(0.9) << " us; phase 2, the client's thread; over all rounds "
              << std::setprecision(1) << all_rounds_us(result->client_cpus_s) << " us, of which "
              << all_rounds_us(result->client_system_cpus_s) << " us in the kernel); phase 1 "
              << std::setprecision(2) << result->phase1.elapsed_s * 1000
              << " ms per round; failed calls in the median round: " << result->calls_failed
              << "; allocator " << allocator_in_use() << '\n';
    return result->calls_failed_max == 0 ? kExitOk : kExitRunFailed;
}

}  // namespace bench
