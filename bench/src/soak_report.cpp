#include "bench/soak_report.hpp"

#include "bench/generated_by.hpp"

#include <algorithm>
#include <iomanip>
#include <map>
#include <span>
#include <sstream>

namespace bench {
namespace {

// "114 -> 120, allowed +100", figures divided by `unit`; a trend is named.
std::string describe(const Flatness& figure, std::int64_t unit, const char* suffix) {
    std::ostringstream text;
    text << figure.start / unit << " -> " << figure.end / unit << suffix << ", allowed +"
         << figure.allowance / unit << suffix;
    if (figure.rising)
        text << ", rising at every checkpoint";
    return text.str();
}

std::string describe(const SocketCensus& census) {
    return std::to_string(census.sockets_after) + " sockets open at the end against " +
           std::to_string(census.sockets_before) + " before the client, " +
           std::to_string(census.pool_idle) + " idle in the pool and " +
           std::to_string(census.mock_connections_after - census.mock_connections_before) +
           " open in the embedded mock";
}

std::string rate_percent(double rate) {
    std::ostringstream text;
    text << std::setprecision(4) << rate * 100 << '%';
    return text.str();
}

std::string verdict_word(const Flatness& figure) {
    return figure.flat() ? "flat" : "GREW";
}

// The pool's connections opened from the start checkpoint to the last: the churn measured.
std::size_t opened_after_warm_up(const SoakResult& soak, const SoakVerdict& verdict) {
    if (soak.checkpoints.empty())
        return 0;
    return soak.checkpoints.back().pool_connections_opened -
           soak.checkpoints[verdict.start].pool_connections_opened;
}

void print_checkpoints(std::ostream& out, const SoakResult& soak, const SoakVerdict& verdict) {
    const auto precision = out.precision();
    out << "     calls   seconds   rss_MB  peak_MB  fds  sockets  pool_opened  pool_idle"
           "  mock_open\n";
    for (std::size_t i = 0; i < soak.checkpoints.size(); ++i) {
        const auto& p = soak.checkpoints[i];
        out << std::setw(10) << p.calls_done << std::fixed << std::setprecision(1) << std::setw(10)
            << p.seconds << std::setw(9) << static_cast<double>(p.usage.rss_bytes) / (1 << 20)
            << std::setw(9) << static_cast<double>(p.usage.peak_rss_bytes) / (1 << 20)
            << std::setw(5) << p.usage.open_fds << std::setw(9) << p.usage.open_sockets
            << std::setw(13) << p.pool_connections_opened << std::setw(11) << p.pool_idle
            << std::setw(11) << p.mock_connections << (i == verdict.start ? "  <- start" : "")
            << '\n';
        out.unsetf(std::ios::fixed);
    }
    out.precision(precision);
}

// "title a 1 b 2" on a line of its own; nothing when there is no count.
void print_counts(std::ostream& out, const char* title,
                  const std::map<std::string, std::uint64_t>& counts) {
    if (counts.empty())
        return;
    out << title;
    for (const auto& [label, count] : counts)
        out << ' ' << label << ' ' << count;
    out << '\n';
}

nlohmann::json flatness_json(const Flatness& figure) {
    return {{"start", figure.start},
            {"end", figure.end},
            {"allowance", figure.allowance},
            {"rising", figure.rising},
            {"flat", figure.flat()}};
}

nlohmann::json fault_mix_json(const SoakConditions& conditions) {
    if (!conditions.chaos)
        return "the external server's own";
    nlohmann::json rates = nlohmann::json::object();
    for (std::size_t i = 0; i < mock_llm::kChaosFaults.size(); ++i) {
        if (conditions.chaos->rates[i] > 0)
            rates[std::string(mock_llm::kChaosFaults[i].key)] = conditions.chaos->rates[i];
    }
    nlohmann::json mix = {{"rates_per_attempt", rates}};
    if (conditions.chaos->rate("slow_drip") > 0) {
        mix["slow_drip"] = {{"bytes_per_write", conditions.chaos->drip.bytes},
                            {"interval_ms", conditions.chaos->drip.interval.count()}};
    }
    return mix;
}

// The criteria in words, from the numbers they use.
std::string criteria_text() {
    return "judged from the first checkpoint after the warm-up (the first --every calls): "
           "descriptors may end at most the limit x " +
           std::to_string(descriptor_allowance(1, true)) + " above it with the embedded mock (x " +
           std::to_string(descriptor_allowance(1, false)) +
           " with an external server): connections closed by faults and opened again, each "
           "with the mock's end; the descriptors that are not sockets at most " +
           std::to_string(kOtherDescriptorAllowance) + " above it; memory at most " +
           std::to_string(kRssAllowanceBytes >> 20) +
           " MiB above it; either rising at every checkpoint over " +
           std::to_string(kTrendCheckpoints) +
           " or more fails even within that. Leaked connections: sockets open once the run has "
           "drained, minus those open before the client, the pool's idle connections and the "
           "embedded mock's open ones; any above 0 fails";
}

}  // namespace

std::string describe_fault_mix(const mock_llm::ChaosProfile& chaos) {
    std::string text;
    for (std::size_t i = 0; i < mock_llm::kChaosFaults.size(); ++i) {
        if (chaos.rates[i] > 0) {
            text += (text.empty() ? "" : ", ") + std::string(mock_llm::kChaosFaults[i].key) + " " +
                    rate_percent(chaos.rates[i]);
        }
    }
    return text.empty() ? "none" : text;
}

SoakVerdict judge_soak(const SoakResult& soak, int concurrency, bool embedded_mock,
                       std::uint64_t warm_up_calls) {
    std::vector<std::uint64_t> calls;
    std::vector<std::int64_t> fds;
    std::vector<std::int64_t> other_fds;
    std::vector<std::int64_t> rss;
    for (const auto& p : soak.checkpoints) {
        calls.push_back(p.calls_done);
        fds.push_back(p.usage.open_fds);
        other_fds.push_back(p.usage.open_fds - p.usage.open_sockets);
        rss.push_back(static_cast<std::int64_t>(p.usage.rss_bytes));
    }
    SoakVerdict verdict;
    verdict.start = start_checkpoint(calls, warm_up_calls);
    const auto from_start = [&](const std::vector<std::int64_t>& series) {
        return std::span(series).subspan(std::min(verdict.start, series.size()));
    };
    verdict.descriptors =
        judge_flatness(from_start(fds), descriptor_allowance(concurrency, embedded_mock));
    verdict.other_descriptors = judge_flatness(from_start(other_fds), kOtherDescriptorAllowance);
    verdict.memory = judge_flatness(from_start(rss), kRssAllowanceBytes);
    verdict.leaked = leaked_connections(soak.census);
    if (soak.calls_lost != 0)
        verdict.failures.push_back(std::to_string(soak.calls_lost) + " calls lost");
    if (!soak.usage_readable || !soak.census.readable)
        verdict.failures.push_back("/proc/self could not be read: nothing was measured");
    if (verdict.start + 1 >= soak.checkpoints.size()) {
        verdict.failures.push_back(
            "no checkpoint after the start one: too few calls to judge "
            "(--calls must be at least twice --every)");
    }
    if (!verdict.descriptors.flat())
        verdict.failures.push_back("descriptors grew: " + describe(verdict.descriptors, 1, ""));
    if (!verdict.other_descriptors.flat()) {
        verdict.failures.push_back("descriptors other than sockets grew: " +
                                   describe(verdict.other_descriptors, 1, ""));
    }
    if (!verdict.memory.flat())
        verdict.failures.push_back("memory grew: " + describe(verdict.memory, 1024, " KiB"));
    if (soak.census.readable && verdict.leaked > 0) {
        verdict.failures.push_back(std::to_string(verdict.leaked) +
                                   " leaked connections: " + describe(soak.census));
    } else if (soak.census.readable && verdict.leaked < 0) {
        verdict.failures.push_back("the socket count does not add up (" +
                                   std::to_string(verdict.leaked) +
                                   "), which could hide a leak: " + describe(soak.census));
    }
    if (soak.server_max_in_flight > concurrency) {
        verdict.failures.push_back("the server saw " + std::to_string(soak.server_max_in_flight) +
                                   " requests at once, over the limit of " +
                                   std::to_string(concurrency));
    }
    return verdict;
}

void print_soak(std::ostream& out, const SoakResult& soak, const SoakVerdict& verdict,
                const SoakConditions& conditions) {
    out << "soak: " << soak.calls << " calls at limit " << conditions.concurrency << ", time scale "
        << conditions.time_scale << ", per-attempt timeout "
        << static_cast<double>(conditions.attempt_timeout.count()) / 1000 << " ms\n";
    out << "faults per attempt: "
        << (conditions.chaos
                ? describe_fault_mix(*conditions.chaos) + " (" + conditions.server + ")"
                : "the external server's own (" + conditions.server + ")")
        << '\n';
    print_checkpoints(out, soak, verdict);
    out << "ok " << soak.calls_ok << ", failed with a reason " << soak.calls_failed << ", lost "
        << soak.calls_lost << "; attempts " << soak.metrics.attempts << ", retries "
        << soak.metrics.retries << "; server max in flight " << soak.server_max_in_flight << '\n';
    print_counts(out, "faults served:", soak.faults_served);
    print_counts(out, "failed attempts by error:", soak.metrics.attempts_by_error);
    out << "from the start checkpoint: descriptors " << verdict_word(verdict.descriptors) << " ("
        << describe(verdict.descriptors, 1, "") << "), of them not sockets "
        << verdict_word(verdict.other_descriptors) << " ("
        << describe(verdict.other_descriptors, 1, "") << "), memory "
        << verdict_word(verdict.memory) << " (" << describe(verdict.memory, 1024, " KiB") << ")\n";
    out << "connections opened after the warm-up " << opened_after_warm_up(soak, verdict)
        << "; leaked connections " << verdict.leaked << " (" << describe(soak.census) << ")\n";
}

nlohmann::json soak_json(const SoakResult& soak, const SoakVerdict& verdict,
                         const SoakConditions& conditions) {
    nlohmann::json points = nlohmann::json::array();
    for (const auto& p : soak.checkpoints) {
        points.push_back({{"calls_done", p.calls_done},
                          {"seconds", p.seconds},
                          {"rss_bytes", p.usage.rss_bytes},
                          {"peak_rss_bytes", p.usage.peak_rss_bytes},
                          {"open_fds", p.usage.open_fds},
                          {"open_sockets", p.usage.open_sockets},
                          {"pool_connections_opened", p.pool_connections_opened},
                          {"pool_idle", p.pool_idle},
                          {"mock_connections", p.mock_connections}});
    }
    const auto& census = soak.census;
    return {
        {"generated_by", generated_by(conditions.command)},
        {"server", conditions.server},
        {"concurrency", conditions.concurrency},
        {"time_scale", conditions.time_scale},
        {"attempt_timeout_ms", static_cast<double>(conditions.attempt_timeout.count()) / 1000},
        {"fault_mix", fault_mix_json(conditions)},
        {"faults_served", soak.faults_served},
        {"calls", soak.calls},
        {"calls_ok", soak.calls_ok},
        {"calls_failed", soak.calls_failed},
        {"calls_lost", soak.calls_lost},
        {"failure_kinds", soak.failure_kinds},
        {"attempts", soak.metrics.attempts},
        {"retries", soak.metrics.retries},
        {"attempts_by_status", soak.metrics.attempts_by_status},
        {"attempts_by_error", soak.metrics.attempts_by_error},
        {"server_max_in_flight", soak.server_max_in_flight},
        {"start_checkpoint_calls",
         soak.checkpoints.empty() ? 0 : soak.checkpoints[verdict.start].calls_done},
        {"descriptors", flatness_json(verdict.descriptors)},
        {"descriptors_not_sockets", flatness_json(verdict.other_descriptors)},
        {"rss_bytes", flatness_json(verdict.memory)},
        {"connections_opened_after_warm_up", opened_after_warm_up(soak, verdict)},
        {"leaked_connections", verdict.leaked},
        {"sockets_at_end",
         {{"open", census.sockets_after},
          {"before_the_client", census.sockets_before},
          {"pool_idle", census.pool_idle},
          {"mock_connections", census.mock_connections_after - census.mock_connections_before}}},
        {"criteria", criteria_text()},
        {"failures", verdict.failures},
        {"checkpoints", points}};
}

}  // namespace bench
