#include "bench/open_loop.hpp"

#include <algorithm>
#include <random>

#include <boost/asio/io_context.hpp>

#include "bench/limit_history.hpp"
#include "bench/process_usage.hpp"
#include "bench/seconds.hpp"
#include "bench/workload.hpp"
#include "qa/flow/limit_scope.hpp"
#include "qa/llm/call_runner.hpp"
#include "qa/llm/client_factory.hpp"
#include "qa/metrics/histogram.hpp"

namespace bench {
namespace {

using std::chrono::microseconds;

// One arriving analysis: the limit it runs under (qa::LimitScope's: the shared one, or its
// own), its calls' outcomes.
struct Analysis {
    int index = 0;  // in the whole schedule: its seed, and its name in calls.jsonl
    std::shared_ptr<qa::LimitGroup> limits;
    std::unique_ptr<qa::LlmCallRunner> runner;
    qa::SteadyClock::time_point arrival;
    std::optional<qa::ParallelCallsResult> result;
    qa::SteadyClock::time_point finished;
};

// Everything the coroutines touch, held by shared_ptr so a run that overstays its bound can be
// torn down safely (see level_run.cpp).
struct OpenLoopState {
    std::unique_ptr<qa::HttpLlmClient> client;
    std::optional<qa::LimitScope> limit_scope;
    std::vector<qa::LlmTask> tasks;
    std::vector<Analysis> analyses;
    std::size_t remaining = 0;
    qa::CallMetrics metrics;  // every analysis's calls
    std::exception_ptr failure;
};

// Starts every analysis of the slice at its scheduled arrival, whatever the others are doing.
void spawn_analyses(boost::asio::io_context& ioc, const std::shared_ptr<OpenLoopState>& state,
                    const std::vector<ScheduledArrival>& schedule, const qa::Settings& settings,
                    std::uint64_t seed, qa::SteadyClock::time_point start, const qa::Logger& log) {
    const auto policy = qa::CallPolicy::from(settings);
    for (std::size_t i = 0; i < schedule.size(); ++i) {
        auto& analysis = state->analyses[i];
        analysis.index = schedule[i].analysis;
        analysis.arrival = start + std::chrono::duration_cast<qa::SteadyClock::duration>(
                                       std::chrono::duration<double>(schedule[i].offset_s));
        analysis.limits = state->limit_scope->for_analysis();
        // Seeded by the index in the whole schedule: a shard's analysis backs off as it would
        // in the unsharded run.
        analysis.runner = std::make_unique<qa::LlmCallRunner>(
            *state->client, analysis.limits->limiter, policy, state->metrics,
            seed + static_cast<std::uint64_t>(analysis.index), analysis.limits->flow.controls());
        qa::net::co_spawn(
            ioc,
            [state, i, log]() -> qa::awaitable<void> {
                auto& self = state->analyses[i];
                qa::net::steady_timer until(co_await qa::net::this_coro::executor, self.arrival);
                co_await until.async_wait(qa::use_awaitable);
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
}

// How the limit moved: the shared limiter's, or the sum of the analyses' own (empty for a fixed
// limit, which never moves).
LimitPoints limit_points(const OpenLoopState& state, bool shared,
                         qa::SteadyClock::time_point start) {
    if (shared) {
        const auto* limit =
            state.analyses.empty() ? nullptr : state.analyses.front().limits->flow.limit();
        return limit ? limit_history_since(limit->history(), start) : LimitPoints{};
    }
    std::vector<AnalysisLimit> own;
    for (const auto& analysis : state.analyses) {
        if (const auto* limit = analysis.limits->flow.limit())
            own.push_back({analysis.arrival, analysis.finished, &limit->history()});
    }
    return summed_limit_history(own, start);
}

// The run's figures from its finished analyses.
void collect(const OpenLoopState& state, const LevelOptions& options, const OpenLoopOptions& load,
             qa::SteadyClock::time_point start, LevelResult& result) {
    result.metrics = state.metrics;
    OpenLoopStats stats;
    stats.arrivals = load.poisson ? "poisson" : "constant";
    stats.limiter = std::string(qa::to_string(state.limit_scope->scope()));
    stats.analyses = static_cast<int>(state.analyses.size());
    stats.fanout = static_cast<int>(state.tasks.size());
    qa::SteadyClock::time_point last = start;
    for (const auto& analysis : state.analyses) {
        stats.analysis_latency.record(
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
                CallLine{state.tasks[c].name, outcome.record,
                         outcome.result ? std::string() : outcome.result.error().describe(),
                         analysis.index});
        }
    }
    stats.read_analysis_latency();
    stats.duration_s = seconds(last - start);
    // A shard offers its slice: every shard_count-th arrival of the whole schedule.
    stats.offered_per_s = load.arrival_rate / options.time_scale / options.shard_count;
    stats.calls_per_s =
        stats.duration_s > 0 ? static_cast<double>(result.calls_ok) / stats.duration_s : 0;
    result.makespan_s = stats.duration_s;
    result.retries = result.metrics.retries;
    result.status_429 = attempts_with_status(result.metrics, 429);
    result.client_max_in_flight = result.metrics.max_in_flight;
    result.limit_history = limit_points(state, load.shared_limiter, start);
    result.open_loop = std::move(stats);
}

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

std::vector<ScheduledArrival> shard_schedule(const OpenLoopOptions& options, double time_scale,
                                             std::uint64_t seed, int index, int count) {
    const auto offsets = arrival_offsets(options, time_scale, seed);
    std::vector<ScheduledArrival> slice;
    for (std::size_t i = static_cast<std::size_t>(index); i < offsets.size();
         i += static_cast<std::size_t>(count)) {
        slice.push_back({static_cast<int>(i), offsets[i]});
    }
    return slice;
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
    qa::Settings scoped = settings;
    scoped.limiter_scope =
        load.shared_limiter ? qa::LimiterScope::shared : qa::LimiterScope::per_analysis;
    state->limit_scope.emplace(scoped);
    auto workload = run_phase1_blocking(options.scenario);
    if (!workload)
        return qa::Unexpected(workload.error());
    state->tasks = std::move(workload->tasks);
    if (load.fanout > 0 && static_cast<std::size_t>(load.fanout) < state->tasks.size())
        state->tasks.resize(static_cast<std::size_t>(load.fanout));
    const auto schedule = shard_schedule(load, options.time_scale, options.seed,
                                         options.shard_index, options.shard_count);
    state->analyses.resize(schedule.size());
    state->remaining = schedule.size();

    target.reset_stats_blocking();
    LevelResult result;
    result.concurrency = concurrency;
    result.strategy = std::string(qa::to_string(settings.limit_strategy));
    result.policy = policy_of(options.settings, std::string(qa::to_string(scoped.limiter_scope)));
    result.phase1 = workload->phase1;
    const auto start = qa::SteadyClock::now();
    spawn_analyses(ioc, state, schedule, settings, options.seed, start, log);
    // Bound: the schedule plus every call sequential at its worst, as a watchdog.
    const auto bound =
        std::chrono::duration<double>(schedule.empty() ? 0 : schedule.back().offset_s) +
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
    collect(*state, options, load, start, result);
    if (auto server = target.stats_blocking())
        result.server_max_in_flight = server->max_in_flight;
    return result;
}

}  // namespace bench
