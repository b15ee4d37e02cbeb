#include "bench/report.hpp"

#include "bench/call_log.hpp"
#include "bench/cpu_pressure.hpp"
#include "bench/generated_by.hpp"
#include "bench/json_text.hpp"
#include "bench/open_loop_json.hpp"
#include "bench/report_figures.hpp"
#include "bench/spread.hpp"
#include "mock_llm/profile_json.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <ostream>
#include <sstream>

namespace bench {
namespace {

double to_s(std::chrono::microseconds value) {
    return static_cast<double>(value.count()) / 1e6;
}

// p50/p90/p95/p99/p99.9 and max of one histogram, as <prefix>_p50_s ... <prefix>_max_s; all
// null for an empty histogram when `empty_is_null` (a figure nothing measured is not a 0).
void add_percentiles(nlohmann::json& row, const std::string& prefix,
                     const qa::LatencyHistogram& histogram, bool empty_is_null = false) {
    const bool none = empty_is_null && histogram.count() == 0;
    const auto figure = [none](std::chrono::microseconds value) {
        return none ? nlohmann::json(nullptr) : nlohmann::json(to_s(value));
    };
    const std::pair<const char*, double> quantiles[] = {
        {"_p50_s", 0.5}, {"_p90_s", 0.9}, {"_p95_s", 0.95}, {"_p99_s", 0.99}, {"_p999_s", 0.999}};
    for (const auto& [suffix, q] : quantiles)
        row[prefix + suffix] = figure(histogram.percentile(q));
    row[prefix + "_max_s"] = figure(histogram.max());
}

nlohmann::json critical_path_json(const std::optional<CriticalPath>& path) {
    if (!path)
        return nullptr;
    return {{"calls", path->calls},
            {"answered", path->answered},
            {"waves", path->waves},
            {"overhead_s", path->overhead_s()},
            {"start_s", path->start_s},
            {"to_send_s", path->to_send_s},
            {"slot_wait_s", path->slot_wait_s},
            {"late_s", path->late_s},
            {"server_late_s",
             path->server_late_s ? nlohmann::json(*path->server_late_s) : nlohmann::json(nullptr)},
            {"reading_s", path->reading_s},
            {"retrying_s", path->retrying_s},
            {"waves_s", path->waves_s},
            {"outside_s", path->outside_s}};
}

nlohmann::json run_json(const LevelResult& run, bool merged) {
    const auto& m = run.metrics;
    // The histograms themselves, so shards merge exactly (qa-bench merge).
    const nlohmann::json histograms{{"queue_wait", to_json(m.queue_wait.snapshot())},
                                    {"service_time", to_json(m.service_time.snapshot())},
                                    {"total", to_json(m.total.snapshot())},
                                    {"attempt_time", to_json(m.attempt_time.snapshot())},
                                    {"server_time", to_json(m.server_time.snapshot())}};
    const auto spread = makespan_spread(run, merged);
    const auto& bounds = run.server_in_flight_bounds;
    nlohmann::json row{
        {"concurrency", run.concurrency},
        {"strategy", run.strategy},
        {"load", run.open_loop ? "open" : "closed"},
        {"makespan_s", run.makespan_s},
        {"repetitions", run.repetitions},
        {"makespans_s", run.makespans_s},
        {"makespan_spread", spread ? nlohmann::json(spread->kind) : nlohmann::json(nullptr)},
        {"makespan_spread_low_s", spread ? nlohmann::json(spread->low) : nlohmann::json(nullptr)},
        {"makespan_spread_high_s", spread ? nlohmann::json(spread->high) : nlohmann::json(nullptr)},
        {"calls_failed_max", run.calls_failed_max},
        {"lower_bound_s", run.lower_bound_s},
        {"ratio", run.ratio},
        {"calls_ok", run.calls_ok},
        {"calls_failed", run.calls_failed},
        {"retries", run.retries},
        {"retries_denied", m.retries_denied},
        {"status_429", run.status_429},
        {"server_max_in_flight", run.server_max_in_flight
                                     ? nlohmann::json(*run.server_max_in_flight)
                                     : nlohmann::json(nullptr)},
        // A merge's: the combined load's max in flight lies between these (merge_details.hpp).
        {"server_max_in_flight_at_least",
         bounds ? nlohmann::json(bounds->at_least) : nlohmann::json(nullptr)},
        {"server_max_in_flight_at_most",
         bounds ? nlohmann::json(bounds->at_most) : nlohmann::json(nullptr)},
        {"client_max_in_flight", run.client_max_in_flight},
        {"goodput_per_s",
         run.makespan_s > 0 ? static_cast<double>(run.calls_ok) / run.makespan_s : 0.0},
        {"attempts_per_success",
         run.calls_ok > 0 ? static_cast<double>(m.attempts) / static_cast<double>(run.calls_ok)
                          : 0.0},
        {"client_cpu_s", run.client_cpu_s},
        {"cpu_pressure_s",
         run.cpu_pressure_s ? nlohmann::json(*run.cpu_pressure_s) : nlohmann::json(nullptr)},
        {"client_cpus_s", run.client_cpus_s},
        {"client_cpu_us_per_call",
         run.calls_ok + run.calls_failed > 0
             ? run.client_cpu_s * 1e6 / static_cast<double>(run.calls_ok + run.calls_failed)
             : 0.0},
        {"peak_rss_mb", static_cast<double>(run.peak_rss_bytes) / (1024.0 * 1024.0)},
        {"limit_history", run.limit_history},
        {"open_loop", run.open_loop ? to_json(*run.open_loop) : nlohmann::json(nullptr)},
        {"policy", run.policy ? to_json(*run.policy) : nlohmann::json(nullptr)},
        {"critical_path", critical_path_json(run.critical_path)},
        {"phase1",
         {{"files", run.phase1.files},
          {"unreadable", run.phase1.unreadable},
          {"test_functions", run.phase1.test_functions},
          {"uncertain", run.phase1.uncertain},
          {"rule_issues", run.phase1.rule_issues},
          {"bytes", run.phase1.bytes},
          {"elapsed_s", run.phase1.elapsed_s}}},
        {"phase1_s", run.phase1.elapsed_s},
        {"llm_issues", run.answers.llm_issues},
        {"unusable_answers", run.answers.unusable},
        {"attempts", m.attempts},
        {"attempts_by_status", m.attempts_by_status},
        {"attempts_by_error", m.attempts_by_error},
        {"histograms", histograms},
    };
    add_percentiles(row, "queue_wait", m.queue_wait);
    add_percentiles(row, "service", m.service_time);
    add_percentiles(row, "total", m.total);
    // What the server said it spent; null where no answer said (a server that does not tell).
    add_percentiles(row, "server", m.server_time, true);
    return row;
}

// The policy every run shares, or null when they differ (then each run's `policy` says).
nlohmann::json common_policy(const std::vector<LevelResult>& runs) {
    if (runs.empty())
        return nullptr;
    for (const auto& run : runs) {
        if (run.policy != runs.front().policy)
            return nullptr;
    }
    return runs.front().policy ? to_json(*runs.front().policy) : nlohmann::json(nullptr);
}

// runs.csv's columns: a summary.json run's fields, by JSON pointer into it (a nested one is
// named with dots).
const char* kCsvColumns[] = {"concurrency",
                             "strategy",
                             "load",
                             "phase1_s",
                             "makespan_s",
                             "repetitions",
                             "makespan_spread",
                             "makespan_spread_low_s",
                             "makespan_spread_high_s",
                             "lower_bound_s",
                             "ratio",
                             "calls_ok",
                             "calls_failed",
                             "retries",
                             "retries_denied",
                             "status_429",
                             "server_max_in_flight",
                             "server_max_in_flight_at_least",
                             "server_max_in_flight_at_most",
                             "client_max_in_flight",
                             "queue_wait_p50_s",
                             "queue_wait_p90_s",
                             "queue_wait_p95_s",
                             "queue_wait_p99_s",
                             "queue_wait_p999_s",
                             "queue_wait_max_s",
                             "service_p50_s",
                             "service_p90_s",
                             "service_p95_s",
                             "service_p99_s",
                             "service_p999_s",
                             "service_max_s",
                             "total_p50_s",
                             "total_p90_s",
                             "total_p95_s",
                             "total_p99_s",
                             "total_p999_s",
                             "total_max_s",
                             "server_p50_s",
                             "server_p90_s",
                             "server_p95_s",
                             "server_p99_s",
                             "server_p999_s",
                             "server_max_s",
                             "llm_issues",
                             "unusable_answers",
                             "goodput_per_s",
                             "attempts_per_success",
                             "client_cpu_us_per_call",
                             "peak_rss_mb",
                             "critical_path.calls",
                             "critical_path.overhead_s",
                             "critical_path.start_s",
                             "critical_path.to_send_s",
                             "critical_path.slot_wait_s",
                             "critical_path.late_s",
                             "critical_path.server_late_s",
                             "critical_path.reading_s",
                             "critical_path.retrying_s",
                             "critical_path.waves_s",
                             "critical_path.outside_s",
                             "open_loop.arrivals",
                             "open_loop.limiter",
                             "open_loop.analyses",
                             "open_loop.fanout",
                             "open_loop.offered_per_s",
                             "open_loop.duration_s",
                             "open_loop.analysis_p50_s",
                             "open_loop.analysis_p90_s",
                             "open_loop.analysis_p99_s",
                             "open_loop.analysis_max_s",
                             "open_loop.calls_per_s"};

// An open loop has no lower bound: these cells stay empty rather than read 0.
bool closed_loop_only(std::string_view column) {
    return column == "lower_bound_s" || column == "ratio";
}

}  // namespace

std::string fixed(double value, int digits) {
    std::ostringstream text;
    text << std::fixed << std::setprecision(digits) << value;
    return text.str();
}

std::string bound_cell(const LevelResult& run, double value, int digits) {
    return run.open_loop ? "n/a" : fixed(value, digits);
}

std::optional<std::string> contention_note(int concurrency, std::string_view strategy,
                                           double makespan_s, std::optional<double> pressure_s) {
    if (!pressure_s || makespan_s <= 0 || *pressure_s < kContendedShare * makespan_s)
        return std::nullopt;
    return "limit " + std::to_string(concurrency) + " (" + std::string(strategy) +
           "): tasks on this machine waited " + fixed(*pressure_s * 1000, 1) +
           " ms for a CPU during the run (" + fixed(100 * *pressure_s / makespan_s, 0) +
           "% of its makespan); its ratio may owe part to that";
}

std::optional<std::string> contention_note(const LevelResult& run) {
    return contention_note(run.concurrency, run.strategy, run.makespan_s, run.cpu_pressure_s);
}

std::string server_in_flight_cell(const LevelResult& run) {
    if (const auto& bounds = run.server_in_flight_bounds;
        bounds && bounds->at_least != bounds->at_most)
        return std::to_string(bounds->at_least) + ".." + std::to_string(bounds->at_most);
    return run.server_max_in_flight ? std::to_string(*run.server_max_in_flight) : "n/a";
}

std::optional<Spread> makespan_spread(const LevelResult& run, bool merged) {
    if (merged || static_cast<int>(run.makespans_s.size()) != run.repetitions)
        return std::nullopt;
    return spread_of(run.makespans_s);
}

nlohmann::json to_json(const qa::HistogramSnapshot& snapshot) {
    return {{"count", snapshot.count},
            {"sum_us", snapshot.sum_us},
            {"min_us", snapshot.min_us},
            {"max_us", snapshot.max_us},
            {"buckets", snapshot.buckets}};
}

qa::Expected<qa::LatencyHistogram, std::string> histogram_from_json(const nlohmann::json& data) {
    try {
        qa::HistogramSnapshot snapshot;
        snapshot.count = data.at("count").get<std::uint64_t>();
        snapshot.sum_us = data.at("sum_us").get<std::uint64_t>();
        snapshot.min_us = data.at("min_us").get<std::uint64_t>();
        snapshot.max_us = data.at("max_us").get<std::uint64_t>();
        snapshot.buckets =
            data.at("buckets").get<std::vector<std::pair<std::size_t, std::uint64_t>>>();
        return qa::LatencyHistogram::from_snapshot(snapshot);
    } catch (const nlohmann::json::exception& e) {
        return qa::Unexpected(std::string(e.what()));
    }
}

nlohmann::json to_json(const RunReport& report) {
    nlohmann::json runs = nlohmann::json::array();
    for (const auto& run : report.runs)
        runs.push_back(run_json(run, !report.merged_from.empty()));
    return {
        {"scenario", report.scenario.name},
        {"files", report.scenario.files},
        {"calls", report.scenario.calls},
        {"test_paths", report.scenario.test_paths},
        {"time_scale", report.time_scale},
        {"call_latency_s", to_s(report.scenario.call_latency) * report.time_scale},
        {"generated_by", generated_by(report.command)},
        {"conditions",
         {{"server", report.server},
          {"embedded_mock_cpu",
           report.mock_cpu ? nlohmann::json(*report.mock_cpu) : nlohmann::json(nullptr)},
          {"wake_latency_held", report.wake_latency_held},
          {"allocator", report.allocator},
          {"warm_up", report.warm_up},
          {"warm_up_runs", report.warm_up_runs},
          {"mock", report.mock_profile
                       ? nlohmann::json::parse(mock_llm::profile_json(*report.mock_profile))
                       : nlohmann::json(nullptr)},
          {"policy", common_policy(report.runs)}}},
        {"machine", report.machine ? to_json(*report.machine) : nlohmann::json(nullptr)},
        {"shard", {{"index", report.shard_index}, {"count", report.shard_count}}},
        {"merged_from", report.merged_from},
        {"runs", std::move(runs)},
    };
}

void write_csv(std::ostream& out, const RunReport& report) {
    out << "scenario,time_scale";
    for (const char* column : kCsvColumns)
        out << ',' << column;
    out << '\n';
    for (const auto& run : report.runs) {
        const auto row = run_json(run, !report.merged_from.empty());
        out << report.scenario.name << ',' << report.time_scale;
        for (const char* column : kCsvColumns) {
            out << ',';
            if (run.open_loop && closed_loop_only(column))
                continue;
            std::string pointer = std::string("/") + column;
            std::replace(pointer.begin(), pointer.end(), '.', '/');
            const nlohmann::json::json_pointer at(pointer);
            if (row.contains(at) && !row.at(at).is_null())
                out << json_text(row.at(at));
        }
        out << '\n';
    }
}

qa::Expected<void, std::string> write_report_files(const std::string& dir,
                                                   const RunReport& report) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        return qa::Unexpected("cannot create " + dir + ": " + ec.message());
    const auto json_path = std::filesystem::path(dir) / "summary.json";
    const auto csv_path = std::filesystem::path(dir) / "runs.csv";
    std::ofstream json_file(json_path);
    json_file << json_text(to_json(report), 2) << '\n';
    std::ofstream csv_file(csv_path);
    write_csv(csv_file, report);
    const auto calls_path = std::filesystem::path(dir) / "calls.jsonl";
    std::ofstream calls_file(calls_path);
    for (const auto& run : report.runs)
        write_call_lines(calls_file, run.concurrency, run.strategy, run.calls);
    if (!json_file || !csv_file || !calls_file) {
        return qa::Unexpected("cannot write " + json_path.string() + ", " + csv_path.string() +
                              " or " + calls_path.string());
    }
    const auto figures = report_figures(report);
    for (const auto& figure : figures) {
        const auto path = std::filesystem::path(dir) / figure.file;
        std::ofstream file(path);
        file << figure.svg;
        if (!file)
            return qa::Unexpected("cannot write " + path.string());
    }
    const auto markdown_path = std::filesystem::path(dir) / "report.md";
    std::ofstream markdown(markdown_path);
    write_markdown(markdown, report, figures);
    if (!markdown)
        return qa::Unexpected("cannot write " + markdown_path.string());
    return {};
}

}  // namespace bench
