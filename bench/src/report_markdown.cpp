// report.md: what ran (closed or open loop, shard), under which conditions and policy, the table
// of levels, the latency percentiles, and the figures.
#include <algorithm>

#include "bench/report_figures.hpp"
#include "bench/seconds.hpp"
#include "bench/soak_report.hpp"

namespace bench {
namespace {

// The shard's slice, in words (nothing for a whole run).
std::string shard_sentence(const RunReport& report, const char* items) {
    if (report.shard_count <= 1)
        return "";
    return " This is shard " + std::to_string(report.shard_index) + " of " +
           std::to_string(report.shard_count) + ": the " + items + " " +
           std::to_string(report.shard_index) + ", " +
           std::to_string(report.shard_index + report.shard_count) + ", ... of the whole run.";
}

void describe_closed_loop(std::ostream& out, const RunReport& report, const Phase1Figures& p1) {
    out << "Each run is the whole Hybrid analysis: phase 1 (read, parse, rules, prompts) over "
        << p1.files << " files (" << p1.bytes << " bytes, " << p1.test_functions
        << " test functions, " << p1.rule_issues << " rule issues), then its " << p1.uncertain
        << " uncertain functions as one parallel LLM batch (phase 2, the makespan)."
        << shard_sentence(report, "calls") << "\n\n";
}

// What each analysis of an open loop sends: phase 1's uncertain functions, or the first
// --fanout of them.
std::string calls_sent(const OpenLoopStats& open, const Phase1Figures& p1) {
    const std::string found =
        " uncertain functions phase 1 found in " + std::to_string(p1.files) + " files";
    if (static_cast<std::uint32_t>(open.fanout) >= p1.uncertain)
        return "the " + std::to_string(open.fanout) + found;
    return "the first " + std::to_string(open.fanout) + " of the " + std::to_string(p1.uncertain) +
           found;
}

void describe_open_loop(std::ostream& out, const RunReport& report, const Phase1Figures& p1,
                        const OpenLoopStats& open) {
    out << "Each run is an open loop: " << open.analyses << " analyses arrive on a "
        << open.arrivals << " schedule offering " << fixed(open.offered_per_s, 2) << " analyses/s ("
        << fixed(open.offered_per_s * report.time_scale, 3)
        << "/s at time scale 1), whatever the earlier ones are doing. Each sends "
        << calls_sent(open, p1) << " as one parallel LLM batch, under "
        << (open.limiter == "shared" ? "one limit shared by every analysis"
                                     : "a limit of its own per analysis")
        << ": " << open.analyses << " x " << open.fanout << " calls per run. Latency counts from "
        << "each analysis's scheduled arrival; the makespan is the duration from the schedule's "
           "start to the last analysis's end, and there is no lower bound (n/a)."
        << shard_sentence(report, "analyses") << "\n\n";
}

// What the embedded mock was told to do beyond its latency: injected faults, a provider's
// behaviour, scripted faults, and the seed that makes them repeat.
void describe_mock(std::ostream& out, const mock_llm::Profile& profile) {
    out << "The mock's injected faults: " << describe_fault_mix(profile.chaos);
    if (profile.behaviour.kind != mock_llm::BehaviourKind::unlimited)
        out << "; provider behaviour " << mock_llm::behaviour_name(profile.behaviour.kind);
    if (!profile.scripts.empty())
        out << "; " << profile.scripts.size() << " scripted fault rules";
    out << "; seed " << profile.seed << " (`conditions.mock` in summary.json).\n\n";
}

void describe_policy(std::ostream& out, const RunReport& report) {
    const auto& front = report.runs.front().policy;
    for (const auto& run : report.runs) {
        if (run.policy != front) {
            out << "Retry and flow settings differ between the rows (see each run's `policy` in "
                   "summary.json).\n\n";
            return;
        }
    }
    if (!front)
        return;
    const RunPolicy& p = *front;
    out << "Retry and flow (at time scale 1): the slot is "
        << (p.hold_slot_during_backoff ? "held" : "released") << " during backoff; up to "
        << p.max_retries << " retries (" << p.max_rate_limit_retries
        << " after 429s); retry budget "
        << (p.retry_budget ? fixed(*p.retry_budget, 2) + " of calls" : std::string("none"))
        << "; client rate limit "
        << (p.rate_limit_rpm > 0 ? fixed(p.rate_limit_rpm, 0) + "/min" : std::string("none"))
        << "; timeout " << p.timeout_s << " s per attempt; backoff " << p.backoff_base_s << "-"
        << p.backoff_cap_s << " s; limiter: " << p.limiter << "; HTTP/" << p.http_version
        << ".\n\n";
}

void write_levels(std::ostream& out, const RunReport& report) {
    const bool merged = !report.merged_from.empty();
    bool any_spread = false;
    for (const auto& run : report.runs)
        any_spread = any_spread || makespan_spread(run, merged).has_value();
    out << "| strategy | limit | phase 1 ms | makespan s |"
        << (any_spread ? " makespan spread |" : "")
        << " lower bound s | ratio | ok | failed | retries | 429s | server max in flight | total "
           "p99 s | LLM issues | unusable answers |\n";
    out << "|---|---:|---:|---:|" << (any_spread ? "---:|" : "")
        << "---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const auto& run : report.runs) {
        out << "| " << run.strategy << " | " << run.concurrency << " | "
            << fixed(run.phase1.elapsed_s * 1000, 2) << " | " << fixed(run.makespan_s, 4) << " | ";
        if (any_spread) {
            const auto spread = makespan_spread(run, merged);
            out << (spread ? describe(*spread, 4, "–") : std::string("n/a")) << " | ";
        }
        out << bound_cell(run, run.lower_bound_s, 4) << " | " << bound_cell(run, run.ratio, 3)
            << " | " << run.calls_ok << " | " << run.calls_failed << " | " << run.retries << " | "
            << run.status_429 << " | " << server_in_flight_cell(run) << " | "
            << fixed(seconds(run.metrics.total.percentile(0.99)), 4) << " | "
            << run.answers.llm_issues << " | " << run.answers.unusable << " |\n";
    }
    out << '\n';
    if (any_spread) {
        out << "The makespan is the median run's; its spread is the min-max of 2 or 3 runs, the "
               "interquartile range of 4 or more.\n\n";
    }
    if (merged && report.runs.front().server_in_flight_bounds) {
        out << "Merged from " << report.merged_from.size()
            << " shards: a server saw at least the largest shard's max in flight and at most "
               "their sum (A..B when they differ).\n\n";
    }
}

void write_open_loop(std::ostream& out, const RunReport& report) {
    out << "| strategy | limit | arrivals | limiter | analyses x calls | offered /s | duration s | "
           "analysis p50 s | p90 s | p99 s | max s | calls/s |\n";
    out << "|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const auto& run : report.runs) {
        const auto& open = *run.open_loop;
        out << "| " << run.strategy << " | " << run.concurrency << " | " << open.arrivals << " | "
            << open.limiter << " | " << open.analyses << " x " << open.fanout << " | "
            << fixed(open.offered_per_s, 2) << " | " << fixed(open.duration_s, 4) << " | "
            << fixed(open.analysis_p50_s, 4) << " | " << fixed(open.analysis_p90_s, 4) << " | "
            << fixed(open.analysis_p99_s, 4) << " | " << fixed(open.analysis_max_s, 4) << " | "
            << fixed(open.calls_per_s, 1) << " |\n";
    }
    out << '\n';
}

void write_latency(std::ostream& out, const RunReport& report) {
    out << "Call latency in seconds: queue wait for a slot, service (all attempts), and total "
           "(from the intended start); per answer, the time the server said it spent (where it "
           "said).\n\n";
    out << "| strategy | limit | latency | p50 | p90 | p95 | p99 | p99.9 | max |\n";
    out << "|---|---:|---|---:|---:|---:|---:|---:|---:|\n";
    using Histogram = qa::LatencyHistogram qa::CallMetrics::*;
    const std::pair<const char*, Histogram> kinds[] = {{"queue wait", &qa::CallMetrics::queue_wait},
                                                       {"service", &qa::CallMetrics::service_time},
                                                       {"total", &qa::CallMetrics::total}};
    for (const auto& run : report.runs) {
        for (const auto& [name, member] : kinds) {
            const auto& histogram = run.metrics.*member;
            out << "| " << run.strategy << " | " << run.concurrency << " | " << name;
            for (double q : {0.5, 0.9, 0.95, 0.99, 0.999})
                out << " | " << fixed(seconds(histogram.percentile(q)), 4);
            out << " | " << fixed(seconds(histogram.max()), 4) << " |\n";
        }
        if (const auto& said = run.metrics.server_time; said.count() > 0) {
            out << "| " << run.strategy << " | " << run.concurrency << " | server (said)";
            for (double q : {0.5, 0.9, 0.95, 0.99, 0.999})
                out << " | " << fixed(seconds(said.percentile(q)), 4);
            out << " | " << fixed(seconds(said.max()), 4) << " |\n";
        }
    }
    out << '\n';
}

// Where each closed-loop run's makespan went beyond its lower bound, in milliseconds along the
// chain of calls that ended last (critical_path.hpp). Nothing when no run has one.
void write_critical_paths(std::ostream& out, const RunReport& report) {
    if (std::none_of(report.runs.begin(), report.runs.end(),
                     [](const auto& run) { return run.critical_path.has_value(); }))
        return;
    out << "Where the makespan went beyond the lower bound, in ms, along the chain of calls that "
           "ended last (each got its slot from the one before): launching the calls before the "
           "chain's first, holding a slot to sending, a slot's hand-over to the next call, "
           "answers later than the nominal latency (of which the server's own, by the time it "
           "said it spent; n/a when it did not say), reading them, retries and failed calls, "
           "waves more or fewer than the bound's, and time outside the calls.\n\n";
    out << "| strategy | limit | chain calls | overhead | start | to send | slot wait | late "
           "answers | of which server | reading | retries | waves | outside |\n";
    out << "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const auto& run : report.runs) {
        if (!run.critical_path)
            continue;
        const CriticalPath& path = *run.critical_path;
        out << "| " << run.strategy << " | " << run.concurrency << " | " << path.calls;
        for (double part :
             {path.overhead_s(), path.start_s, path.to_send_s, path.slot_wait_s, path.late_s})
            out << " | " << fixed(part * 1000, 3);
        out << " | " << (path.server_late_s ? fixed(*path.server_late_s * 1000, 3) : "n/a");
        for (double part : {path.reading_s, path.retrying_s, path.waves_s, path.outside_s})
            out << " | " << fixed(part * 1000, 3);
        out << " |\n";
    }
    out << '\n';
}

}  // namespace

void write_markdown(std::ostream& out, const RunReport& report,
                    const std::vector<Figure>& figures) {
    const double latency_s = seconds(report.scenario.call_latency) * report.time_scale;
    out << "# " << report.scenario.name << ": " << report.scenario.calls << " LLM calls from "
        << report.scenario.files << " files\n\n";
    out << "Made by `" << report.command << "`.\n\n";
    out << "Each call takes " << latency_s << " s at time scale " << report.time_scale
        << " (divide seconds by the scale for real-time equivalents). Server: " << report.server;
    if (report.mock_cpu)
        out << " (pinned to CPU " << *report.mock_cpu << ")";
    out << "; warm-up " << (report.warm_up ? "on" : "off");
    if (report.warm_up_runs > 0)
        out << " and " << report.warm_up_runs << " discarded run"
            << (report.warm_up_runs == 1 ? "" : "s") << " per level";
    out << "; fast CPU wake-ups " << (report.wake_latency_held ? "held" : "not held");
    if (!report.allocator.empty())
        out << "; allocator " << report.allocator;
    out << ".\n\n";
    if (report.machine) {
        out << "The machine, probed just before the runs: " << describe(*report.machine)
            << ". Each wave of a closed loop pays such delays beyond its lower bound.\n\n";
    }
    if (report.mock_profile)
        describe_mock(out, *report.mock_profile);
    if (!report.runs.empty()) {
        const auto& front = report.runs.front();
        if (front.open_loop)
            describe_open_loop(out, report, front.phase1, *front.open_loop);
        else
            describe_closed_loop(out, report, front.phase1);
        describe_policy(out, report);
    }
    write_levels(out, report);
    bool contended = false;
    for (const auto& run : report.runs) {
        if (const auto note = contention_note(run)) {
            out << (contended ? "" : "Contended levels (cpu_pressure_s in summary.json):\n\n")
                << "- " << *note << "\n";
            contended = true;
        }
    }
    if (contended)
        out << '\n';
    if (!report.runs.empty() && report.runs.front().open_loop)
        write_open_loop(out, report);
    write_latency(out, report);
    write_critical_paths(out, report);
    for (const auto& figure : figures)
        out << "![" << figure.caption << "](" << figure.file << ")\n\n";
}

}  // namespace bench
