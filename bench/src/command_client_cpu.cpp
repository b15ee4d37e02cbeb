// client-cpu: what one LLM call costs the client in CPU, measured against a server in another
// process so that only the client's work is counted: the production LLM phase runs the
// seed-50x120 calls round after round, and this process's user and system time is divided by
// the calls made.

#include <sys/resource.h>

#include <iomanip>
#include <iostream>

#include "bench/commands.hpp"
#include "bench/common_setup.hpp"
#include "qa/config/value_parsers.hpp"

namespace bench {
namespace {

double cpu_us(const timeval& from, const timeval& to) {
    return static_cast<double>(to.tv_sec - from.tv_sec) * 1e6 +
           static_cast<double>(to.tv_usec - from.tv_usec);
}

}  // namespace

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
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    const auto started = std::chrono::steady_clock::now();
    const auto result = run_level_blocking(*target, options, *concurrency, setup.log);
    const double wall_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    rusage after{};
    getrusage(RUSAGE_SELF, &after);
    if (!result) {
        std::cerr << "qa-bench: " << result.error() << '\n';
        return kExitRunFailed;
    }

    // The warm-up round's calls are counted too: they cost CPU like the others.
    const double calls = static_cast<double>(*rounds) * scenario->calls + *concurrency;
    const double user = cpu_us(before.ru_utime, after.ru_utime) / calls;
    const double sys = cpu_us(before.ru_stime, after.ru_stime) / calls;
    std::cout << std::fixed << std::setprecision(1) << "client-cpu: " << calls << " calls at limit "
              << *concurrency << " against " << flags.common.llm_url << " in " << wall_s
              << " s = " << std::setprecision(0) << calls / wall_s << " calls/s; CPU per call "
              << std::setprecision(1) << user + sys << " us (user " << user << ", system " << sys
              << "); failed calls in the median round: " << result->calls_failed << '\n';
    return result->calls_failed_max == 0 ? kExitOk : kExitRunFailed;
}

}  // namespace bench
