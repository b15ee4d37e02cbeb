#include "bench/soak.hpp"

#include <optional>
#include <set>
#include <thread>

#include <boost/asio/io_context.hpp>

#include "bench/workload.hpp"
#include "qa/flow/flow_set.hpp"
#include "qa/llm/call_runner.hpp"
#include "qa/llm/client_factory.hpp"

namespace bench {
namespace {

// Everything the coroutines touch lives here and outlives the io_context's frames.
struct SoakState {
    std::unique_ptr<qa::HttpLlmClient> client;
    std::unique_ptr<qa::AsyncSemaphore> limiter;
    std::unique_ptr<qa::FlowSet> flow;
    std::vector<qa::LlmTask> tasks;
    SoakResult result;
    std::set<std::string> failure_kinds;
    bool done = false;
};

// How long the census after the run may wait for the mock to notice the last clients' closes.
constexpr auto kCensusSettle = std::chrono::seconds(1);

// Sockets in this process and the embedded mock's connections, counted at one moment: taken
// again (a few times at most) while the mock's count changes during the listing, a session
// ending meanwhile. nullopt when /proc cannot be read.
std::optional<std::pair<std::int64_t, std::int64_t>> count_sockets(const Target& target) {
    constexpr int kTries = 10;
    for (int attempt = 1;; ++attempt) {
        const auto mock_before = target.open_connections().value_or(0);
        const auto usage = process_usage();
        const auto mock_after = target.open_connections().value_or(0);
        if (!usage)
            return std::nullopt;
        if (mock_before == mock_after || attempt == kTries)
            return std::pair{std::int64_t{usage->open_sockets},
                             static_cast<std::int64_t>(mock_after)};
    }
}

// The census once the run has drained. A session ends a moment after its client leaves (the
// mock notices the close), and until then holds its socket and counts as open; so a session
// ending between two reads makes a transient difference. Counted again until the figures add
// up or kCensusSettle has passed; a socket nobody holds stays whatever the wait.
void take_census(const Target& target, const qa::ConnectionPool& pool, SocketCensus& census) {
    const auto deadline = qa::SteadyClock::now() + kCensusSettle;
    for (;;) {
        const auto counted = count_sockets(target);
        if (!counted) {
            census.readable = false;
            return;
        }
        std::tie(census.sockets_after, census.mock_connections_after) = *counted;
        census.pool_idle = static_cast<std::int64_t>(pool.idle());
        if (leaked_connections(census) == 0 || qa::SteadyClock::now() >= deadline)
            return;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

}  // namespace

qa::Expected<SoakResult, std::string> run_soak_blocking(Target& target, const LevelOptions& options,
                                                        int concurrency, std::uint64_t calls,
                                                        std::uint64_t every) {
    const qa::Settings settings = level_settings(target, options, concurrency);
    SocketCensus census;
    if (const auto counted = count_sockets(target))
        std::tie(census.sockets_before, census.mock_connections_before) = *counted;
    else
        census.readable = false;
    boost::asio::io_context ioc{1};  // run by this thread alone: its own posts take no lock
    auto client = qa::make_http_llm_client(ioc.get_executor(), settings);
    if (!client)
        return qa::Unexpected(client.error().message());
    auto state = std::make_shared<SoakState>();
    state->client = std::move(*client);
    state->limiter = std::make_unique<qa::AsyncSemaphore>(concurrency);
    state->flow = std::make_unique<qa::FlowSet>(settings, *state->limiter);
    auto workload = run_phase1_blocking(options.scenario);
    if (!workload)
        return qa::Unexpected(workload.error());
    state->tasks = std::move(workload->tasks);
    state->result.calls = calls;
    target.reset_stats_blocking();

    const auto started = qa::SteadyClock::now();
    const auto checkpoint = [state, started, &target](std::uint64_t done) {
        SoakCheckpoint point;
        point.calls_done = done;
        point.seconds = std::chrono::duration<double>(qa::SteadyClock::now() - started).count();
        const auto usage = process_usage();
        state->result.usage_readable = state->result.usage_readable && usage.has_value();
        point.usage = usage.value_or(ProcessUsage{});
        point.pool_connections_opened = state->client->pool().connections_opened();
        point.pool_idle = state->client->pool().idle();
        point.mock_connections = target.open_connections().value_or(0);
        state->result.checkpoints.push_back(point);
    };

    std::exception_ptr failure;
    qa::net::co_spawn(
        ioc,
        [state, calls, every, checkpoint, &options, &settings]() -> qa::awaitable<void> {
            qa::LlmCallRunner runner(*state->client, *state->limiter,
                                     qa::CallPolicy::from(settings), state->result.metrics,
                                     options.seed, state->flow->controls());
            std::uint64_t done = 0;
            std::uint64_t next_checkpoint = 0;
            while (done < calls) {
                // The last round may be a partial one, so exactly `calls` are made.
                const auto left = calls - done;
                std::vector<qa::LlmTask> round_tasks;
                const std::vector<qa::LlmTask>* round = &state->tasks;
                if (left < state->tasks.size()) {
                    round_tasks.assign(state->tasks.begin(),
                                       state->tasks.begin() + static_cast<long>(left));
                    round = &round_tasks;
                }
                const auto outcome = co_await qa::run_parallel_calls(runner, *round, qa::Logger());
                state->result.calls_ok += outcome.successful;
                state->result.calls_failed += outcome.failed;
                state->result.calls_lost += round->size() - outcome.successful - outcome.failed;
                for (const auto& call : outcome.outcomes) {
                    if (!call.result)
                        state->failure_kinds.insert(
                            std::string(qa::to_string(call.result.error().kind)));
                }
                done += round->size();
                if (done >= next_checkpoint || done >= calls) {
                    checkpoint(done);
                    next_checkpoint = done + every;
                }
            }
            state->done = true;
        },
        [&failure](std::exception_ptr error) { failure = error; });
    ioc.run();
    if (failure)
        std::rethrow_exception(failure);  // a bug, not a measurement
    if (!state->done)
        return qa::Unexpected(std::string("the soak stopped before its last call"));
    if (census.readable)
        take_census(target, state->client->pool(), census);
    state->result.census = census;
    state->result.failure_kinds.assign(state->failure_kinds.begin(), state->failure_kinds.end());
    if (auto stats = target.stats_blocking()) {
        state->result.server_max_in_flight = stats->max_in_flight;
        state->result.faults_served = stats->by_fault;
    }
    return state->result;
}

}  // namespace bench
