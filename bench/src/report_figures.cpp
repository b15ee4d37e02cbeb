#include "bench/report_figures.hpp"

#include <algorithm>
#include <iomanip>
#include <sstream>
#include <tuple>

#include "bench/seconds.hpp"
#include "bench/svg_chart.hpp"

namespace bench {
namespace {

// The report's strategies in the order they ran (--strategy fixed,aimd runs both).
std::vector<std::string> strategies_of(const RunReport& report) {
    std::vector<std::string> names;
    for (const auto& run : report.runs) {
        if (std::find(names.begin(), names.end(), run.strategy) == names.end())
            names.push_back(run.strategy);
    }
    return names;
}

// One series per strategy over the levels: (concurrency, value(run)), named "name" for a single
// strategy and "name (strategy)" when several are compared.
template <class Value>
void add_over_levels(SvgChart& chart, const RunReport& report, const std::string& name, Value value,
                     bool dashed = false) {
    const auto strategies = strategies_of(report);
    for (const auto& strategy : strategies) {
        ChartSeries series{strategies.size() > 1 ? name + " (" + strategy + ")" : name, {}, dashed};
        for (const auto& run : report.runs) {
            if (run.strategy == strategy)
                series.points.emplace_back(run.concurrency, value(run));
        }
        chart.series.push_back(std::move(series));
    }
}

std::string scale_note(const RunReport& report) {
    std::ostringstream note;
    note << report.scenario.name << ", time scale " << report.time_scale;
    return note.str();
}

}  // namespace

std::vector<Figure> report_figures(const RunReport& report) {
    std::vector<Figure> figures;

    // A chart of the given series over the levels, all sharing the x axis.
    const auto chart = [&](std::string title, std::string y_label, bool log_y) {
        return SvgChart{title + " against the limit (" + scale_note(report) + ")",
                        "concurrency limit",
                        std::move(y_label),
                        log_y,
                        {}};
    };

    SvgChart makespan = chart("Makespan", "seconds", true);
    add_over_levels(makespan, report, "makespan",
                    [](const LevelResult& r) { return r.makespan_s; });
    // The bound depends on the limit only: one line, whatever the strategies.
    ChartSeries bound{"lower bound", {}, true};
    for (const auto& run : report.runs) {
        if (run.strategy == report.runs.front().strategy)
            bound.points.emplace_back(run.concurrency, run.lower_bound_s);
    }
    makespan.series.push_back(std::move(bound));
    figures.push_back(
        {"makespan.svg", "Makespan and its lower bound ceil(N/C) x latency", render_svg(makespan)});

    SvgChart retries = chart("429s and retries", "count", false);
    const std::pair<const char*, std::uint64_t LevelResult::*> counts[] = {
        {"429 answers", &LevelResult::status_429},
        {"retries", &LevelResult::retries},
        {"failed calls", &LevelResult::calls_failed}};
    for (const auto& [name, member] : counts) {
        add_over_levels(retries, report, name,
                        [member = member](const LevelResult& r) { return double(r.*member); });
    }
    figures.push_back(
        {"retries.svg", "429 answers, retries and failed calls", render_svg(retries)});

    SvgChart latency = chart("Call latency", "seconds", true);
    using Histogram = qa::LatencyHistogram qa::CallMetrics::*;
    const std::tuple<const char*, Histogram, double> percentiles[] = {
        {"total p50", &qa::CallMetrics::total, 0.50},
        {"total p99", &qa::CallMetrics::total, 0.99},
        {"queue wait p99", &qa::CallMetrics::queue_wait, 0.99},
        {"service p50", &qa::CallMetrics::service_time, 0.50},
        {"service p99", &qa::CallMetrics::service_time, 0.99}};
    for (const auto& [name, member, p] : percentiles) {
        add_over_levels(latency, report, name, [member = member, p = p](const LevelResult& r) {
            return seconds((r.metrics.*member).percentile(p));
        });
    }
    figures.push_back({"latency.svg",
                       "Latency percentiles: total (from the intended start), queue wait for a "
                       "slot, and service (all attempts)",
                       render_svg(latency)});
    // An adaptive limit: how it moved during each level's run.
    SvgChart limit{"Concurrency limit over time (" + scale_note(report) + ")",
                   "seconds into the run",
                   "limit",
                   false,
                   {}};
    for (const auto& run : report.runs) {
        if (run.limit_history.empty())
            continue;
        ChartSeries series{run.strategy + " from " + std::to_string(run.concurrency), {}, false};
        int previous = run.limit_history.front().second;
        for (const auto& [at, value] : run.limit_history) {
            series.points.emplace_back(at, previous);  // a step: the old limit until the change
            series.points.emplace_back(at, value);
            previous = value;
        }
        series.points.emplace_back(run.makespan_s, previous);
        limit.series.push_back(std::move(series));
    }
    if (!limit.series.empty()) {
        figures.push_back(
            {"limit.svg", "The adaptive limit over each level's run", render_svg(limit)});
    }
    return figures;
}

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
    out << "; warm-up " << (report.warm_up ? "on" : "off") << "; fast CPU wake-ups "
        << (report.wake_latency_held ? "held" : "not held");
    if (!report.allocator.empty())
        out << "; allocator " << report.allocator;
    out << ".\n\n";
    if (!report.runs.empty()) {
        const Phase1Figures& p1 = report.runs.front().phase1;
        out << "Each run is the whole Hybrid analysis: phase 1 (read, parse, rules, prompts) over "
            << p1.files << " files (" << p1.bytes << " bytes, " << p1.test_functions
            << " test functions, " << p1.rule_issues << " rule issues), then its " << p1.uncertain
            << " uncertain functions as one parallel LLM batch (phase 2, the makespan).\n\n";
    }
    out << "| strategy | limit | phase 1 ms | makespan s | lower bound s | ratio | ok | failed | "
           "retries | "
           "429s | server max in flight | total p99 s | LLM issues | unusable answers |\n";
    out << "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const auto& run : report.runs) {
        out << std::fixed << "| " << run.strategy << " | " << run.concurrency << " | "
            << std::setprecision(2) << run.phase1.elapsed_s * 1000 << " | " << std::setprecision(4)
            << run.makespan_s << " | " << run.lower_bound_s << " | " << std::setprecision(3)
            << run.ratio << " | " << run.calls_ok << " | " << run.calls_failed << " | "
            << run.retries << " | " << run.status_429 << " | "
            << (run.server_max_in_flight ? std::to_string(*run.server_max_in_flight) : "n/a")
            << " | " << std::setprecision(4) << seconds(run.metrics.total.percentile(0.99)) << " | "
            << run.answers.llm_issues << " | " << run.answers.unusable << " |\n";
        out.unsetf(std::ios::fixed);
    }
    out << '\n';
    for (const auto& figure : figures)
        out << "![" << figure.caption << "](" << figure.file << ")\n\n";
}

}  // namespace bench
