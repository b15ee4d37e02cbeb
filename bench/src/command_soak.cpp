// soak: many calls through one long-lived client under the mock's faults, watching memory,
// descriptors and every call's fate (see soak.hpp).

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>

#include <nlohmann/json.hpp>

#include "bench/commands.hpp"
#include "bench/common_setup.hpp"
#include "bench/json_text.hpp"
#include "bench/soak.hpp"
#include "qa/config/value_parsers.hpp"

namespace bench {
namespace {

// Memory may settle a little after warm-up (allocator caches, histogram pages); more than this
// between the first and the last checkpoint is reported as growth.
constexpr std::uint64_t kRssSlackBytes = 8u << 20;

nlohmann::json soak_json(const SoakResult& soak, int concurrency, const std::string& command) {
    nlohmann::json points = nlohmann::json::array();
    for (const auto& p : soak.checkpoints) {
        points.push_back({{"calls_done", p.calls_done},
                          {"seconds", p.seconds},
                          {"rss_bytes", p.usage.rss_bytes},
                          {"peak_rss_bytes", p.usage.peak_rss_bytes},
                          {"open_fds", p.usage.open_fds},
                          {"pool_connections_opened", p.pool_connections_opened},
                          {"pool_idle", p.pool_idle}});
    }
    return {{"generated_by", {{"tool", "qa-bench 0.1.0"}, {"command", command}}},
            {"concurrency", concurrency},
            {"calls", soak.calls},
            {"calls_ok", soak.calls_ok},
            {"calls_failed", soak.calls_failed},
            {"calls_lost", soak.calls_lost},
            {"failure_kinds", soak.failure_kinds},
            {"attempts", soak.metrics.attempts},
            {"retries", soak.metrics.retries},
            {"attempts_by_status", soak.metrics.attempts_by_status},
            {"server_max_in_flight", soak.server_max_in_flight},
            {"checkpoints", points}};
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
    const auto scenario = find_scenario("seed-50x120");
    auto prepared = prepare_and_start(flags.common, *scenario);
    if (!prepared)
        return usage_error(prepared.error());
    auto& setup = prepared->setup;
    auto& target = prepared->target;

    LevelOptions options{*scenario, setup.time_scale, setup.settings, true, setup.seed, 1};
    const auto soak =
        run_soak_blocking(*target, options, *concurrency, static_cast<std::uint64_t>(*calls),
                          static_cast<std::uint64_t>(*every));
    if (!soak) {
        std::cerr << "qa-bench: " << soak.error() << '\n';
        return kExitRunFailed;
    }

    std::cout << "soak: " << soak->calls << " calls at limit " << *concurrency << ", time scale "
              << setup.time_scale << ", 429s at " << flags.common.rate_429 << ", 500s at "
              << flags.common.rate_500 << "\n";
    std::cout << "     calls   seconds   rss_MB  peak_MB  fds  pool_opened  pool_idle\n";
    for (const auto& p : soak->checkpoints) {
        std::cout << std::setw(10) << p.calls_done << std::fixed << std::setprecision(1)
                  << std::setw(10) << p.seconds << std::setw(9)
                  << static_cast<double>(p.usage.rss_bytes) / (1 << 20) << std::setw(9)
                  << static_cast<double>(p.usage.peak_rss_bytes) / (1 << 20) << std::setw(5)
                  << p.usage.open_fds << std::setw(13) << p.pool_connections_opened << std::setw(11)
                  << p.pool_idle << '\n';
        std::cout.unsetf(std::ios::fixed);
    }
    const auto& first = soak->checkpoints.front();
    const auto& last = soak->checkpoints.back();
    const bool fds_flat = last.usage.open_fds <= first.usage.open_fds;
    const bool rss_flat = last.usage.rss_bytes <= first.usage.rss_bytes + kRssSlackBytes;
    const bool limit_held = soak->server_max_in_flight <= *concurrency;
    std::cout << "ok " << soak->calls_ok << ", failed with a reason " << soak->calls_failed
              << ", lost " << soak->calls_lost << "; attempts " << soak->metrics.attempts
              << ", retries " << soak->metrics.retries << "; server max in flight "
              << soak->server_max_in_flight << "\n";
    std::cout << "descriptors " << (fds_flat ? "flat" : "GREW") << " (" << first.usage.open_fds
              << " -> " << last.usage.open_fds << "), memory " << (rss_flat ? "flat" : "GREW")
              << " (" << first.usage.rss_bytes / 1024 << " -> " << last.usage.rss_bytes / 1024
              << " KiB), connections opened after warm-up: "
              << last.pool_connections_opened - first.pool_connections_opened << "\n";

    if (!flags.common.out_dir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(flags.common.out_dir, ec);
        std::ofstream out(std::filesystem::path(flags.common.out_dir) / "soak.json");
        out << json_text(soak_json(*soak, *concurrency, flags.common.command_line), 2) << '\n';
        if (!out) {
            std::cerr << "qa-bench: cannot write " << flags.common.out_dir << "/soak.json\n";
            return kExitRunFailed;
        }
    }
    return soak->calls_lost == 0 && fds_flat && rss_flat && limit_held ? kExitOk : kExitRunFailed;
}

}  // namespace bench
