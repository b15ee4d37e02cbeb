#include "bench/level_run.hpp"

#include "bench/cpu_pressure.hpp"
#include "bench/limit_history.hpp"
#include "bench/process_usage.hpp"
#include "bench/seconds.hpp"

#include <boost/asio/io_context.hpp>

#include "qa/flow/flow_set.hpp"
#include "qa/llm/call_runner.hpp"
#include "qa/llm/client_factory.hpp"

namespace bench {
namespace {

// The longest a run can legitimately take: every call sequential, every attempt timing out,
// every backoff at its longest. Past it the run is reported as hung instead of waiting forever.
std::chrono::nanoseconds run_bound(const qa::Settings& s, int calls, int limit) {
    const auto per_call = qa::RetryPolicy::from(s).worst_case_call(s.call_timeout);
    return per_call * ((calls + limit - 1) / limit + 1) + std::chrono::seconds(30);
}

std::vector<qa::LlmTask> warm_up_tasks(int count) {
    std::vector<qa::LlmTask> tasks(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        tasks[static_cast<std::size_t>(i)].name = "warm-up-" + std::to_string(i);
        tasks[static_cast<std::size_t>(i)].request.messages = {
            {"user", "warm-up " + std::to_string(i)}};
    }
    return tasks;
}

// Everything the coroutines touch. They hold it by shared_ptr, so if a run ever overstays its
// bound, destroying the io_context (which destroys the suspended coroutines) releases the state
// last, while the io_context's services still exist for the sockets inside it.
struct RunState {
    RunState(std::unique_ptr<qa::HttpLlmClient> c, int limit, qa::CallPolicy p)
        : client(std::move(c)), limiter(static_cast<std::size_t>(limit)), policy(p) {}

    std::unique_ptr<qa::HttpLlmClient> client;
    qa::AsyncSemaphore limiter;
    qa::CallPolicy policy;
    std::vector<qa::LlmTask> tasks;
    std::optional<qa::ParallelCallsResult> phase;
    std::unique_ptr<qa::FlowSet> flow;  // the measured phase's flow controls, fresh per run
};

// Runs state->tasks through a fresh runner on `state`, recording into `metrics`; true when
// finished. The caller puts the tasks there beforehand (and may free the previous phase), so
// that work stays out of a measurement around this call.
bool run_phase(boost::asio::io_context& ioc, const std::shared_ptr<RunState>& state,
               qa::CallMetrics& metrics, std::uint64_t seed, const qa::Logger& log,
               std::chrono::nanoseconds bound) {
    state->phase.reset();
    std::exception_ptr failure;
    // The bound is a watchdog timer, so the measured phase runs under plain io_context::run()
    // (run_for waits handler by handler against a deadline).
    qa::net::steady_timer watchdog(ioc, bound);
    watchdog.async_wait([&ioc](boost::system::error_code ec) {
        if (!ec)
            ioc.stop();  // operation_aborted: the phase finished first
    });
    qa::net::co_spawn(
        ioc,
        [state, &metrics, seed, log]() -> qa::awaitable<void> {
            const auto flow = state->flow ? state->flow->controls() : qa::FlowControls{};
            qa::LlmCallRunner runner(*state->client, state->limiter, state->policy, metrics, seed,
                                     flow);
            state->phase.emplace(co_await qa::run_parallel_calls(runner, state->tasks, log));
        },
        [&failure, &watchdog](std::exception_ptr e) {
            failure = e;
            watchdog.cancel();
        });
    ioc.restart();
    ioc.run();
    if (failure)
        std::rethrow_exception(failure);  // a bug, not a measurement
    return state->phase.has_value();
}

}  // namespace

std::uint64_t attempts_with_status(const qa::CallMetrics& metrics, int status) {
    // A lookup, not operator[]: the report lists only the statuses that were seen.
    const auto seen = metrics.attempts_by_status.find(status);
    return seen == metrics.attempts_by_status.end() ? 0 : seen->second;
}

qa::Settings level_settings(const Target& target, const LevelOptions& options, int concurrency) {
    qa::Settings settings = options.settings.scaled(options.time_scale);
    settings.max_concurrent_calls = concurrency;
    settings.base_url = target.base_url();
    return settings;
}

qa::Expected<LevelResult, std::string> run_level_blocking(Target& target,
                                                          const LevelOptions& options,
                                                          int concurrency, const qa::Logger& log) {
    const qa::Settings settings = level_settings(target, options, concurrency);

    boost::asio::io_context ioc{1};  // run by this thread alone: its own posts take no lock
    auto client = qa::make_http_llm_client(ioc.get_executor(), settings);
    if (!client)
        return qa::Unexpected(client.error().message());
    auto state =
        std::make_shared<RunState>(std::move(*client), concurrency, qa::CallPolicy::from(settings));
    if (options.warm_up) {
        qa::CallMetrics warm_metrics;
        state->tasks = warm_up_tasks(concurrency);
        if (!run_phase(ioc, state, warm_metrics, options.seed, qa::Logger(),
                       run_bound(settings, concurrency, concurrency))) {
            return qa::Unexpected(std::string("the warm-up did not finish within its bound"));
        }
    }
    const auto latency = qa::scale_duration(options.scenario.call_latency, options.time_scale);
    std::vector<LevelResult> samples;
    // The warm-up runs come first, made exactly as the measured ones (phase 1, then phase 2
    // under fresh flow controls), silently, their figures dropped: what a process that has
    // served a while holds in its caches, allocator and pool.
    const int warm_up_runs = options.warm_up_runs;
    for (int rep = 0; rep < warm_up_runs + std::max(1, options.repetitions); ++rep) {
        const bool warming = rep < warm_up_runs;
        // Phase 1 runs in every repetition, as in every analysis; it is deterministic, so each
        // gives the same calls.
        auto workload = run_phase1_blocking(options.scenario);
        if (!workload)
            return qa::Unexpected(workload.error());
        const auto tasks =
            select_shard(std::move(workload->tasks), options.shard_index, options.shard_count);
        target.reset_stats_blocking();
        LevelResult sample;
        sample.concurrency = concurrency;
        sample.phase1 = workload->phase1;
        // Every repetition starts from the level's limit with fresh flow controls.
        state->limiter.set_limit(static_cast<std::size_t>(concurrency));
        state->flow = std::make_unique<qa::FlowSet>(settings, state->limiter);
        // Copying the tasks in and freeing the last repetition's answers is the harness's work:
        // done before the client's CPU count starts.
        state->tasks = tasks;
        state->phase.reset();
        const auto started = qa::SteadyClock::now();
        // The getrusage reads stay outside the exact CPU count's window.
        const double system_before = thread_system_cpu_seconds();
        // A warm-up's figures are dropped: its pressure is not read.
        const auto pressure_before = warming ? std::nullopt : cpu_pressure_total_us();
        const double cpu_before = thread_cpu_seconds();
        if (!run_phase(ioc, state, sample.metrics, options.seed, warming ? qa::Logger() : log,
                       run_bound(settings, static_cast<int>(tasks.size()), concurrency))) {
            return qa::Unexpected(warming ? "warm-up run " + std::to_string(rep + 1) +
                                                " did not finish within its bound"
                                          : std::string("the run did not finish within its bound"));
        }
        if (warming)
            continue;
        sample.client_cpu_s = thread_cpu_seconds() - cpu_before;
        if (const auto pressure_after = cpu_pressure_total_us(); pressure_before && pressure_after)
            sample.cpu_pressure_s = static_cast<double>(*pressure_after - *pressure_before) / 1e6;
        sample.client_system_cpu_s = thread_system_cpu_seconds() - system_before;
        if (const auto usage = process_usage())
            sample.peak_rss_bytes = usage->peak_rss_bytes;
        sample.strategy = std::string(qa::to_string(settings.limit_strategy));
        sample.policy = policy_of(options.settings, "one analysis");
        if (const auto* limit = state->flow->limit())
            sample.limit_history = limit_history_since(limit->history(), started);
        const auto& phase = *state->phase;
        sample.makespan_s = seconds(phase.elapsed);
        sample.lower_bound_s =
            seconds(makespan_lower_bound(static_cast<int>(tasks.size()), concurrency, latency));
        sample.ratio = sample.lower_bound_s > 0 ? sample.makespan_s / sample.lower_bound_s : 0;
        sample.calls_ok = phase.successful;
        sample.calls_failed = phase.failed;
        sample.retries = sample.metrics.retries;
        sample.status_429 = attempts_with_status(sample.metrics, 429);
        sample.client_max_in_flight = sample.metrics.max_in_flight;
        sample.contents.reserve(phase.outcomes.size());
        sample.calls.reserve(phase.outcomes.size());
        for (std::size_t i = 0; i < phase.outcomes.size(); ++i) {
            const auto& outcome = phase.outcomes[i];
            sample.contents.push_back(outcome.result ? outcome.result->content : std::string());
            sample.calls.push_back(CallLine{
                tasks[i].name, outcome.record,
                outcome.result ? std::string() : outcome.result.error().describe(), std::nullopt});
        }
        sample.answers = read_answers(phase.outcomes);
        sample.critical_path = critical_path(sample.calls, latency, concurrency, phase.elapsed,
                                             !settings.hold_slot_during_backoff);
        if (auto stats = target.stats_blocking())
            sample.server_max_in_flight = stats->max_in_flight;
        samples.push_back(std::move(sample));
    }
    return summarize_repetitions(std::move(samples));
}

LevelResult summarize_repetitions(std::vector<LevelResult> samples) {
    // The median repetition by makespan stands for the level (the upper median for an even
    // count); the spread and the worst case of what must never vary go with it.
    std::vector<double> makespans;
    std::vector<double> cpus;
    std::vector<double> system_cpus;
    std::int64_t server_max = -1;
    std::uint64_t failed_max = 0;
    for (const auto& sample : samples) {
        makespans.push_back(sample.makespan_s);
        cpus.push_back(sample.client_cpu_s);
        system_cpus.push_back(sample.client_system_cpu_s);
        if (sample.server_max_in_flight)
            server_max = std::max(server_max, *sample.server_max_in_flight);
        failed_max = std::max(failed_max, sample.calls_failed);
    }
    std::vector<std::size_t> order(samples.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return makespans[a] < makespans[b]; });
    LevelResult median = std::move(samples[order[order.size() / 2]]);
    median.makespans_s = std::move(makespans);
    median.client_cpus_s = std::move(cpus);
    median.client_system_cpus_s = std::move(system_cpus);
    median.repetitions = static_cast<int>(samples.size());
    if (server_max >= 0)
        median.server_max_in_flight = server_max;
    median.calls_failed_max = failed_max;
    return median;
}

}  // namespace bench
