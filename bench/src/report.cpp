#include "bench/report.hpp"

#include "bench/call_log.hpp"
#include "bench/json_text.hpp"
#include "bench/report_figures.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <ostream>

namespace bench {
namespace {

double to_s(std::chrono::microseconds value) {
    return static_cast<double>(value.count()) / 1e6;
}

std::string utc_now() {
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

nlohmann::json open_loop_json(const std::optional<OpenLoopStats>& stats) {
    if (!stats)
        return nullptr;
    return {{"arrivals", stats->arrivals},
            {"limiter", stats->limiter},
            {"analyses", stats->analyses},
            {"fanout", stats->fanout},
            {"offered_per_s", stats->offered_per_s},
            {"duration_s", stats->duration_s},
            {"analysis_p50_s", stats->analysis_p50_s},
            {"analysis_p99_s", stats->analysis_p99_s},
            {"analysis_max_s", stats->analysis_max_s},
            {"calls_per_s", stats->calls_per_s}};
}

nlohmann::json run_json(const LevelResult& run) {
    const auto& m = run.metrics;
    // The histograms themselves, so shards merge exactly (qa-bench merge).
    const nlohmann::json histograms{{"queue_wait", to_json(m.queue_wait.snapshot())},
                                    {"service_time", to_json(m.service_time.snapshot())},
                                    {"total", to_json(m.total.snapshot())},
                                    {"attempt_time", to_json(m.attempt_time.snapshot())}};
    return {
        {"concurrency", run.concurrency},
        {"strategy", run.strategy},
        {"makespan_s", run.makespan_s},
        {"repetitions", run.repetitions},
        {"makespans_s", run.makespans_s},
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
        {"client_max_in_flight", run.client_max_in_flight},
        {"goodput_per_s",
         run.makespan_s > 0 ? static_cast<double>(run.calls_ok) / run.makespan_s : 0.0},
        {"attempts_per_success",
         run.calls_ok > 0 ? static_cast<double>(m.attempts) / static_cast<double>(run.calls_ok)
                          : 0.0},
        {"client_cpu_s", run.client_cpu_s},
        {"client_cpus_s", run.client_cpus_s},
        {"client_cpu_us_per_call",
         run.calls_ok + run.calls_failed > 0
             ? run.client_cpu_s * 1e6 / static_cast<double>(run.calls_ok + run.calls_failed)
             : 0.0},
        {"peak_rss_mb", static_cast<double>(run.peak_rss_bytes) / (1024.0 * 1024.0)},
        {"queue_wait_p50_s", to_s(m.queue_wait.percentile(0.5))},
        {"queue_wait_p90_s", to_s(m.queue_wait.percentile(0.9))},
        {"queue_wait_p95_s", to_s(m.queue_wait.percentile(0.95))},
        {"queue_wait_p99_s", to_s(m.queue_wait.percentile(0.99))},
        {"queue_wait_p999_s", to_s(m.queue_wait.percentile(0.999))},
        {"service_p50_s", to_s(m.service_time.percentile(0.5))},
        {"service_p90_s", to_s(m.service_time.percentile(0.9))},
        {"service_p95_s", to_s(m.service_time.percentile(0.95))},
        {"service_p99_s", to_s(m.service_time.percentile(0.99))},
        {"service_p999_s", to_s(m.service_time.percentile(0.999))},
        {"total_p50_s", to_s(m.total.percentile(0.5))},
        {"total_p90_s", to_s(m.total.percentile(0.9))},
        {"total_p95_s", to_s(m.total.percentile(0.95))},
        {"total_p99_s", to_s(m.total.percentile(0.99))},
        {"total_p999_s", to_s(m.total.percentile(0.999))},
        {"total_max_s", to_s(m.total.max())},
        {"limit_history", run.limit_history},
        {"open_loop", open_loop_json(run.open_loop)},
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
}

const char* kCsvColumns[] = {"concurrency",
                             "strategy",
                             "phase1_s",
                             "makespan_s",
                             "repetitions",
                             "lower_bound_s",
                             "ratio",
                             "calls_ok",
                             "calls_failed",
                             "retries",
                             "retries_denied",
                             "status_429",
                             "server_max_in_flight",
                             "client_max_in_flight",
                             "queue_wait_p50_s",
                             "queue_wait_p99_s",
                             "service_p50_s",
                             "service_p99_s",
                             "total_p50_s",
                             "total_p99_s",
                             "total_max_s",
                             "llm_issues",
                             "unusable_answers",
                             "goodput_per_s",
                             "attempts_per_success",
                             "client_cpu_us_per_call",
                             "peak_rss_mb"};

}  // namespace

nlohmann::json to_json(const qa::HistogramSnapshot& snapshot) {
    return {{"count", snapshot.count},
            {"sum_us", snapshot.sum_us},
            {"min_us", snapshot.min_us},
            {"max_us", snapshot.max_us},
            {"buckets", snapshot.buckets}};
}

nlohmann::json to_json(const RunReport& report) {
    nlohmann::json runs = nlohmann::json::array();
    for (const auto& run : report.runs)
        runs.push_back(run_json(run));
    return {
        {"scenario", report.scenario.name},
        {"files", report.scenario.files},
        {"calls", report.scenario.calls},
        {"test_paths", report.scenario.test_paths},
        {"time_scale", report.time_scale},
        {"call_latency_s", to_s(report.scenario.call_latency) * report.time_scale},
        {"generated_by",
         {{"tool", "qa-bench 0.1.0"}, {"command", report.command}, {"at", utc_now()}}},
        {"conditions",
         {{"server", report.server},
          {"embedded_mock_cpu",
           report.mock_cpu ? nlohmann::json(*report.mock_cpu) : nlohmann::json(nullptr)},
          {"wake_latency_held", report.wake_latency_held},
          {"allocator", report.allocator},
          {"warm_up", report.warm_up}}},
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
        const auto row = run_json(run);
        out << report.scenario.name << ',' << report.time_scale;
        for (const char* column : kCsvColumns) {
            const auto& cell = row.at(column);
            out << ',';
            if (!cell.is_null())
                out << json_text(cell);
        }
        out << '\n';
    }
}

void write_table(std::ostream& out, const RunReport& report) {
    const auto latency_s = to_s(report.scenario.call_latency) * report.time_scale;
    out << "scenario " << report.scenario.name << ": " << report.scenario.files << " files, "
        << report.scenario.calls << " LLM calls of " << latency_s << " s (time scale "
        << report.time_scale << ")\n";
    if (!report.runs.empty()) {
        const Phase1Figures& p1 = report.runs.front().phase1;
        out << "phase 1 (rules): " << p1.files << " files (" << p1.bytes << " bytes), "
            << p1.test_functions << " test functions, " << p1.rule_issues << " rule issues, "
            << p1.uncertain << " uncertain -> phase 2 (LLM)";
        if (p1.unreadable > 0)
            out << "; " << p1.unreadable << " unreadable";
        out << '\n';
    }
    out << "strategy  limit  phase1_ms  makespan_s  lower_bound_s   ratio    ok  failed  retries   "
           "429s  "
           "server_max_in_flight\n";
    for (const auto& run : report.runs) {
        out << std::left << std::setw(9) << run.strategy << std::right << std::setw(6)
            << run.concurrency << std::fixed << std::setprecision(2) << std::setw(11)
            << run.phase1.elapsed_s * 1000 << std::setprecision(4) << std::setw(12)
            << run.makespan_s << std::setw(15) << run.lower_bound_s << std::setprecision(3)
            << std::setw(8) << run.ratio << std::setw(6) << run.calls_ok << std::setw(8)
            << run.calls_failed << std::setw(9) << run.retries << std::setw(7) << run.status_429
            << std::setw(22)
            << (run.server_max_in_flight ? std::to_string(*run.server_max_in_flight) : "n/a")
            << '\n';
        out.unsetf(std::ios::fixed);
        if (const auto& open = run.open_loop) {
            out << "        open loop: " << open->analyses << " analyses of " << open->fanout
                << " calls (" << open->arrivals << ", " << open->limiter << " limit), offered "
                << open->offered_per_s << "/s; analysis p50 " << open->analysis_p50_s << " s, p99 "
                << open->analysis_p99_s << " s; " << open->calls_per_s << " calls/s\n";
        }
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
        write_call_lines(calls_file, run.concurrency, run.calls);
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
