#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>

#include "bench/commands.hpp"
#include "bench/common_setup.hpp"
#include "bench/report.hpp"
#include "bench/wake_latency.hpp"

namespace bench {
namespace {

constexpr int kSequential = 1;
constexpr int kOriginalLimit = 10;

struct Row {
    Scenario scenario;
    LevelResult sequential;
    LevelResult parallel;
};

// "every call ok" when that is what happened; otherwise how many failed, and where.
std::string outcome_sentence(const std::vector<Row>& rows) {
    std::uint64_t calls = 0;
    std::uint64_t failed = 0;
    for (const auto& row : rows) {
        for (const LevelResult* run : {&row.sequential, &row.parallel}) {
            calls += run->calls_ok + run->calls_failed;
            failed += run->calls_failed;
        }
    }
    if (failed == 0)
        return "every one of the " + std::to_string(calls) + " calls ok.";
    return std::to_string(failed) + " of the " + std::to_string(calls) +
           " calls failed (the tables above say where): these makespans are not the original's "
           "workload.";
}

void print_rows(const std::vector<Row>& rows, const std::string& server, double scale) {
    std::cout << "\nThe original's table, reproduced against " << server << " at time scale "
              << scale << " (every latency, Retry-After, backoff and timeout x" << scale
              << ";\nreal-time equivalents = measured / " << scale << "):\n\n";
    std::cout << std::left << std::setw(28) << "workload" << std::setw(14) << "original seq"
              << std::setw(26) << "measured limit 1 (real)" << std::setw(16) << "original C=10"
              << std::setw(27) << "measured limit 10 (real)" << std::setw(10) << "speed-up"
              << "server max in flight (1 / 10)\n";
    std::cout << std::fixed;
    for (const auto& row : rows) {
        auto cell = [&](const LevelResult& r) {
            std::ostringstream text;
            text << std::fixed << std::setprecision(3) << r.makespan_s << " s ("
                 << std::setprecision(2) << r.makespan_s / scale << " s)";
            return text.str();
        };
        auto in_flight = [](const LevelResult& r) {
            return r.server_max_in_flight ? std::to_string(*r.server_max_in_flight) : "n/a";
        };
        std::ostringstream workload, seq, par, speedup;
        workload << row.scenario.files << " files, " << row.scenario.calls << " LLM calls";
        seq << row.scenario.original_sequential_s << "+ s";
        par << "~" << row.scenario.original_parallel_s << " s";
        speedup << std::fixed << std::setprecision(1)
                << row.sequential.makespan_s / row.parallel.makespan_s << "x";
        std::cout << std::setw(28) << workload.str() << std::setw(14) << seq.str() << std::setw(26)
                  << cell(row.sequential) << std::setw(16) << par.str() << std::setw(27)
                  << cell(row.parallel) << std::setw(10) << speedup.str()
                  << in_flight(row.sequential) << " / " << in_flight(row.parallel) << '\n';
    }
    std::cout << "\nLower bounds at limit C: ceil(calls / C) x 0.5 s real time; "
              << outcome_sentence(rows) << '\n';
}

}  // namespace

int command_seed_compare(const CommonFlags& flags) {
    std::vector<Row> rows;
    double scale = 1.0;
    std::string server;
    int status = kExitOk;
    for (const auto& scenario : builtin_scenarios()) {
        auto setup = prepare_common(flags, scenario);
        if (!setup)
            return usage_error(setup.error().message());
        scale = setup->time_scale;
        auto target = Target::start(setup->target);
        if (!target)
            return usage_error(target.error());

        LevelOptions options{scenario,    setup->time_scale,  setup->settings,    !flags.no_warm_up,
                             setup->seed, setup->repetitions, setup->warm_up_runs};
        const WakeLatencyGuard wake_latency(!flags.no_wake_latency);
        RunReport report = new_report(scenario, *setup, flags, **target, wake_latency.held());
        server = (*target)->embedded() ? "the embedded mock" : (*target)->base_url();
        for (int level : {kSequential, kOriginalLimit}) {
            auto result = run_level_blocking(**target, options, level, setup->log);
            if (!result) {
                std::cerr << "qa-bench: " << scenario.name << " limit " << level << ": "
                          << result.error() << '\n';
                return kExitRunFailed;
            }
            if (result->calls_failed > 0)
                status = kExitRunFailed;
            report.runs.push_back(std::move(*result));
        }
        write_table(std::cout, report);
        if (!flags.out_dir.empty()) {
            if (auto written = write_report_files(flags.out_dir + "/" + scenario.name, report);
                !written) {
                std::cerr << "qa-bench: " << written.error() << '\n';
                status = kExitRunFailed;
            }
        }
        rows.push_back(Row{scenario, report.runs[0], report.runs[1]});
    }
    print_rows(rows, server, scale);
    return status;
}

}  // namespace bench
