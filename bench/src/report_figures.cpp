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

    // An open loop's makespan is its duration, and it has no lower bound (arrivals set it).
    const bool open_loop = !report.runs.empty() && report.runs.front().open_loop;
    SvgChart makespan = chart(open_loop ? "Duration" : "Makespan", "seconds", true);
    add_over_levels(makespan, report, open_loop ? "duration" : "makespan",
                    [](const LevelResult& r) { return r.makespan_s; });
    // The bound depends on the limit only: one line, whatever the strategies.
    ChartSeries bound{"lower bound", {}, true};
    for (const auto& run : report.runs) {
        if (run.strategy == report.runs.front().strategy && !run.open_loop)
            bound.points.emplace_back(run.concurrency, run.lower_bound_s);
    }
    if (!bound.points.empty())
        makespan.series.push_back(std::move(bound));
    figures.push_back({"makespan.svg",
                       open_loop ? "Duration: the schedule's start to the last analysis's end "
                                   "(an open loop has no lower bound)"
                                 : "Makespan and its lower bound ceil(N/C) x latency",
                       render_svg(makespan)});

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
        // Per-analysis limiters: their sum over the analyses in progress (limit_history).
        const bool summed = run.open_loop && run.open_loop->limiter == "per-analysis";
        ChartSeries series{run.strategy + " from " + std::to_string(run.concurrency) +
                               (summed ? ", summed over analyses" : ""),
                           {},
                           false};
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
        figures.push_back({"limit.svg",
                           open_loop ? "The adaptive limit over each level's run (per-analysis "
                                       "limiters: the sum of those of the analyses in progress)"
                                     : "The adaptive limit over each level's run",
                           render_svg(limit)});
    }
    return figures;
}

}  // namespace bench
