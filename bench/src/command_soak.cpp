// soak: many calls through one long-lived client under the mock's faults, watching memory,
// descriptors, connections and every call's fate (see soak.hpp; the pass criteria:
// soak_criteria.hpp).

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "bench/commands.hpp"
#include "bench/common_setup.hpp"
#include "bench/json_text.hpp"
#include "bench/soak.hpp"
#include "bench/soak_report.hpp"
#include "qa/config/value_parsers.hpp"

namespace bench {
namespace {

// The soak's faults beyond --rate-429 and --rate-500 (whose defaults are on the command line),
// per attempt. These close the connection (reset, truncated, hang: the client gives up at the
// per-attempt timeout) or break the answer on a connection that stays open (malformed JSON, an
// empty 200), so the pool's churn and the client's error paths run thousands of times; a slow
// drip answers in full, a few bytes at a time. Each failure is retried: with the 429s and 500s
// about one attempt in ten fails, and a few calls in 100,000 fail after all their retries.
// Hangs are rare, as each holds its round of calls until the timeout (the soak's wall time).
struct SoakFault {
    const char* key;  // a chaos key (mock_llm::kChaosFaults)
    double rate;
};
constexpr SoakFault kSoakFaults[] = {
    {"reset", 0.02},  {"truncated", 0.01}, {"malformed_json", 0.01},
    {"empty", 0.005}, {"hang", 0.0005},    {"slow_drip", 0.002},
};
// A slow drip sends this many bytes a write, a pause of kDripIntervalUnscaled (on the time
// scale, at least the mock's 1 ms) between writes: an answer takes half a dozen writes, well
// within the per-attempt timeout.
constexpr std::size_t kDripBytes = 128;
constexpr auto kDripIntervalUnscaled = std::chrono::seconds(1);

void add_soak_faults(CommonSetup& setup) {
    for (const auto& fault : kSoakFaults)
        setup.target.chaos.rate(fault.key) = fault.rate;
    setup.target.chaos.drip.bytes = kDripBytes;
    setup.target.chaos.drip.interval =
        std::max(std::chrono::milliseconds(1),
                 std::chrono::duration_cast<std::chrono::milliseconds>(qa::scale_duration(
                     std::chrono::microseconds(kDripIntervalUnscaled), setup.time_scale)));
}

}  // namespace

int command_soak(const SoakFlags& flags) {
    const auto concurrency = qa::parse_int_setting("--concurrency", flags.concurrency, 1, 50);
    if (!concurrency)
        return usage_error(concurrency.error().message());
    const auto calls = qa::parse_int_setting("--calls", flags.calls, 1, 100'000'000);
    if (!calls)
        return usage_error(calls.error().message());
    const auto every = qa::parse_int_setting("--every", flags.every, 1, 100'000'000);
    if (!every)
        return usage_error(every.error().message());
    // The figures are judged from the checkpoint after the first --every calls (the warm-up)
    // to the last: with fewer calls there would be nothing after it to judge.
    if (*calls < 2 * static_cast<std::int64_t>(*every)) {
        return usage_error(qa::ConfigError{"--calls", flags.calls,
                                           "at least twice --every (" + flags.every +
                                               "): the checkpoints after the warm-up are judged"}
                               .message());
    }
    const auto scenario = find_scenario("seed-50x120");
    auto setup = prepare_common(flags.common, *scenario);
    if (!setup)
        return usage_error(setup.error().message());
    if (auto refused = refused_run_flags(
            flags.common, *setup,
            " does not apply to soak (its first checkpoint interval is its warm-up)",
            " does not apply to soak (it runs its --calls once; --calls sets how long)"))
        return usage_error(*refused);
    add_soak_faults(*setup);
    auto target = Target::start(setup->target);
    if (!target)
        return usage_error(target.error());

    LevelOptions options{*scenario, setup->time_scale, setup->settings, true, setup->seed, 1};
    const auto soak =
        run_soak_blocking(**target, options, *concurrency, static_cast<std::uint64_t>(*calls),
                          static_cast<std::uint64_t>(*every));
    if (!soak) {
        std::cerr << "qa-bench: " << soak.error() << '\n';
        return kExitRunFailed;
    }
    // The warm-up is the first checkpoint interval: the start figures are taken after it.
    const SoakVerdict verdict =
        judge_soak(*soak, *concurrency, (*target)->embedded(), static_cast<std::uint64_t>(*every));
    const auto profile = (*target)->profile();
    const SoakConditions conditions{*concurrency,
                                    setup->time_scale,
                                    setup->settings.scaled(setup->time_scale).call_timeout,
                                    profile ? std::optional(profile->chaos) : std::nullopt,
                                    (*target)->embedded() ? "embedded mock" : (*target)->base_url(),
                                    flags.common.command_line};
    print_soak(std::cout, *soak, verdict, conditions);

    if (!flags.common.out_dir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(flags.common.out_dir, ec);
        std::ofstream out(std::filesystem::path(flags.common.out_dir) / "soak.json");
        out << json_text(soak_json(*soak, verdict, conditions), 2) << '\n';
        if (!out) {
            std::cerr << "qa-bench: cannot write " << flags.common.out_dir << "/soak.json\n";
            return kExitRunFailed;
        }
    }
    for (const auto& failure : verdict.failures)
        std::cerr << "qa-bench: soak failed: " << failure << '\n';
    return verdict.failures.empty() ? kExitOk : kExitRunFailed;
}

}  // namespace bench
