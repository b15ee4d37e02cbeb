// client-cpu: what one LLM call costs the client in CPU, measured against a server in another
// process so that only the client's work is counted: the production LLM phase runs the
// seed-50x120 calls round after round; the CPU its thread used during phase 2 (not phase 1,
// which each round runs first and is reported apart) is divided by the calls made.

#include <iomanip>
#include <iostream>

#include "bench/allocator.hpp"
#include "bench/commands.hpp"
#include "bench/common_setup.hpp"
#include "qa/config/value_parsers.hpp"

namespace bench {
int command_client_cpu(const ClientCpuFlags& flags) {
    if (flags.common.llm_url.empty()) {
        return usage_error("client-cpu needs --llm-url: the server must run in another process");
    }
    const auto concurrency = qa::parse_int_setting("--concurrency", flags.concurrency, 1, 50);
    if (!concurrency)
        return usage_error(concurrency.error().message());
    const auto rounds = qa::parse_int_setting("--rounds", flags.rounds, 1, 100000);
    if (!rounds)
        return usage_error(rounds.error().message());
    const auto scenario = find_scenario("seed-50x120");
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

    // The median round's phase 2: its calls, the client thread's CPU and the calls per second.
    const double calls = static_cast<double>(result->calls_ok + result->calls_failed);
    const double cpu_us = result->client_cpu_s * 1e6 / calls;
    std::cout << std::fixed << std::setprecision(1) << "client-cpu: " << *rounds << " rounds of "
              << calls << " calls at limit " << *concurrency << " against " << flags.common.llm_url
              << " in " << wall_s << " s; the median round: " << std::setprecision(0)
              << calls / result->makespan_s << " calls/s, CPU per call " << std::setprecision(1)
              << cpu_us << " us (phase 2, the client's thread); phase 1 " << std::setprecision(2)
              << result->phase1.elapsed_s * 1000
              << " ms per round; failed calls in the median round: " << result->calls_failed
              << "; allocator " << allocator_in_use() << '\n';
    return result->calls_failed_max == 0 ? kExitOk : kExitRunFailed;
}

}  // namespace bench
