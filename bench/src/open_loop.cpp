#include "bench/open_loop.hpp"

#include <algorithm>
#include <random>

#include <boost/asio/io_context.hpp>

#include "bench/process_usage.hpp"
#include "bench/seconds.hpp"
#include "bench/workload.hpp"
#include "qa/flow/flow_set.hpp"
#include "qa/llm/call_runner.hpp"
#include "qa/llm/client_factory.hpp"
#include "qa/metrics/histogram.hpp"

namespace bench {
namespace {

using std::chrono::microseconds;

// One arriving analysis: its own limiter when limits are per analysis, its calls' outcomes.
struct Analysis {
    std::unique_ptr<qa::AsyncSemaphore> own_limiter;
    std::unique_ptr<qa::FlowSet> own_flow;
    std::unique_ptr<qa::LlmCallRunner> runner;
    qa::SteadyClock::time_point arrival;
    std::optional<qa::ParallelCallsResult> result;
    qa::SteadyClock::time_point finished;
};

// Everything the coroutines touch, held by shared_ptr so a run that overstays its bound can be
// torn down safely (see level_run.cpp).
struct OpenLoopState {
    std::unique_ptr<qa::HttpLlmClient> client;
    std::unique_ptr<qa::AsyncSemaphore> shared_limiter;
    std::unique_ptr<qa::FlowSet> shared_flow;
    std::vector<qa::LlmTask> tasks;
    std::vector<Analysis> analyses;
    std::size_t remaining = 0;
    qa::CallMetrics metrics;  // every analysis's calls
    std::exception_ptr failure;
};

}  // namespace

std::vector<double> arrival_offsets(const OpenLoopOptions& options, double time_scale,
                                    std::uint64_t seed) {
    std::vector<double> offsets;
    const double mean_gap = time_scale / options.arrival_rate;
    std::mt19937_64 random(seed);
    std::exponential_distribution<double> gap(1.0 / mean_gap);
    double at = 0;
    for (int i = 0; i < options.analyses; ++i) {
        offsets.push_back(at);
        at += options.poisson ? gap(random) : mean_gap;
    }
    return offsets;
}

qa::Expected<LevelResult, std::string> run_open_loop_blocking(Target& target,
                                                              const LevelOptions& options,
                                                              int concurrency,
                                                              const OpenLoopOptions& load,
                                                              const qa::Logger& log) {
    const qa::Settings settings = level_settings(target, options, concurrency);
    boost::asio::io_context ioc{1};  // run by this thread alone: its own posts take no lock
    auto client = qa::make_http_llm_client(ioc.get_executor(), settings);
    if (!client)
        return qa::Unexpected(client.error().message());

    auto state = std::make_shared<OpenLoopState>();
    state->client = std::move(*client);
    state->shared_limiter = std::make_unique<qa::AsyncSemaphore>(concurrency);
    state->shared_flow = std::make_unique<qa::FlowSet>(settings, *state->shared_limiter);
    auto workload = run_phase1_blocking(options.scenario);
    if (!workload)
        return qa::Unexpected(workload.error());
    state->tasks = std::move(workload->tasks);
    const Phase1Figures phase1 = workload->phase1;
    if (load.fanout > 0 && static_cast<std::size_t>(load.fanout) < state->tasks.size())
        state->tasks.resize(static_cast<std::size_t>(load.fanout));
    const auto offsets = arrival_offsets(load, options.time_scale, options.seed);
    state->analyses.resize(offsets.size());
    state->remaining = offsets.size();

    target.reset_stats_blocking();
    LevelResult result;
    result.concurrency = concurrency;
    result.strategy = std::string(qa::to_string(settings.limit_strategy));
    const auto policy = qa::CallPolicy::from(settings);
    const auto start = qa::SteadyClock::now();
    for (std::size_t i = 0; i < offsets.size(); ++i) {
        auto& analysis = state->analyses[i];
        analysis.arrival = start + std::chrono::duration_cast<qa::SteadyClock::duration>(
                                       std::chrono::duration<double>(offsets[i]));
        qa::AsyncSemaphore* limiter = state->shared_limiter.get();
        qa::FlowControls flow = state->shared_flow->controls();
        if (!load.shared_limiter) {
            analysis.own_limiter = std::make_unique<qa::AsyncSemaphore>(concurrency);
            analysis.own_flow = std::make_unique<qa::FlowSet>(settings, *analysis.own_limiter);
            limiter = analysis.own_limiter.get();
            flow = analysis.own_flow->controls();
        }
        analysis.runner = std::make_unique<qa::LlmCallRunner>(
            *state->client, *limiter, policy, state->metrics, options.seed + i, flow);
        // Each analysis starts at its scheduled arrival, whatever the others are doing.
        qa::net::co_spawn(
            ioc,
            [state, i, log]() -> qa::net::awaitable<void> {
                auto& self = state->analyses[i];
                qa::net::steady_timer until(co_await qa::net::this_coro::executor, self.arrival);
                co_await until.async_wait(qa::net::use_awaitable);
                self.result.emplace(
                    co_await qa::run_parallel_calls(*self.runner, state->tasks, log, self.arrival));
                self.finished = qa::SteadyClock::now();
                --state->remaining;
            },
            [state](std::exception_ptr error) {
                if (error && !state->failure)
                    state->failure = error;  // a bug, not a measurement: rethrown below
            });
    }
    // Bound: the schedule plus every call sequential at its worst, as a watchdog.
    const auto bound = std::chrono::duration<double>(offsets.empty() ? 0 : offsets.back()) +
                       qa::RetryPolicy::from(settings).worst_case_call(settings.call_timeout) *
                           static_cast<long>(state->tasks.size()) +
                       std::chrono::seconds(30);
    const double cpu_before = thread_cpu_seconds();
    ioc.run_for(std::chrono::duration_cast<std::chrono::nanoseconds>(bound));
    result.client_cpu_s = thread_cpu_seconds() - cpu_before;
    if (const auto usage = process_usage())
        result.peak_rss_bytes = usage->peak_rss_bytes;
    if (state->failure)
        std::rethrow_exception(state->failure);
    if (state->remaining > 0) {
        return qa::Unexpected(std::to_string(state->remaining) +
                              " analyses did not finish within the run's bound");
    }

    result.metrics = state->metrics;
    OpenLoopStats stats;
    stats.arrivals = load.poisson ? "poisson" : "constant";
    stats.limiter = load.shared_limiter ? "shared" : "per-analysis";
    stats.analyses = static_cast<int>(state->analyses.size());
    stats.fanout = static_cast<int>(state->tasks.size());
    qa::LatencyHistogram analysis_latency;
    qa::SteadyClock::time_point last = start;
    for (const auto& analysis : state->analyses) {
        analysis_latency.record(
            std::chrono::duration_cast<microseconds>(analysis.finished - analysis.arrival));
        last = std::max(last, analysis.finished);
        result.calls_ok += analysis.result->successful;
        result.calls_failed += analysis.result->failed;
        const AnswerFigures answers = read_answers(analysis.result->outcomes);
        result.answers.llm_issues += answers.llm_issues;
        result.answers.unusable += answers.unusable;
        for (std::size_t c = 0; c < analysis.result->outcomes.size(); ++c) {
            const auto& outcome = analysis.result->outcomes[c];
            result.calls.push_back(
                CallLine{state->tasks[c].name, outcome.record,
                         outcome.result ? std::string() : outcome.result.error().describe()});
        }
    }
    stats.duration_s = seconds(last - start);
    stats.offered_per_s = load.arrival_rate / options.time_scale;
    stats.analysis_p50_s = seconds(analysis_latency.percentile(0.5));
    stats.analysis_p99_s = seconds(analysis_latency.percentile(0.99));
    stats.analysis_max_s = seconds(analysis_latency.max());
    stats.calls_per_s =
        stats.duration_s > 0 ? static_cast<double>(result.calls_ok) / stats.duration_s : 0;
    result.makespan_s = stats.duration_s;
    result.retries = result.metrics.retries;
    result.status_429 = result.metrics.attempts_by_status[429];
    result.client_max_in_flight = result.metrics.max_in_flight;
    if (auto server = target.stats_blocking())
        result.server_max_in_flight = server->max_in_flight;
    result.open_loop = stats;
    result.phase1 = phase1;
    return result;
}

}  // namespace bench
