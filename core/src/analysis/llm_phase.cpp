#include "qa/analysis/llm_phase.hpp"

#include <boost/asio/io_context.hpp>
#include <optional>

#include "qa/analysis/prompt_builder.hpp"
#include "qa/flow/flow_set.hpp"
#include "qa/llm/client_factory.hpp"

namespace qa {

namespace {

// Enough for a list of a few issues; the answer is JSON, not prose.
constexpr int kMaxAnswerTokens = 1024;

// The calls as the transport saw them (an answer that came back is ok, whatever its content);
// the log line's successful/failed count usable answers.
LlmCallSummary summarize(const CallMetrics& metrics) {
    LlmCallSummary summary;
    summary.ok = metrics.calls_ok;
    summary.failed = metrics.calls_failed;
    summary.retried = metrics.retries;
    summary.attempts = metrics.attempts;
    summary.by_status = metrics.attempts_by_status;
    return summary;
}

// The longest a batch can legitimately take: every call sequential, every attempt timing out,
// every backoff at its longest, plus slack. Past it the batch is reported as hung.
std::chrono::nanoseconds batch_bound(const Settings& s, std::size_t calls) {
    const auto per_call = RetryPolicy::from(s).worst_case_call(s.call_timeout);
    const auto limit = static_cast<std::size_t>(std::max(1, s.max_concurrent_calls));
    const auto rounds = static_cast<std::int64_t>((calls + limit - 1) / limit + 1);
    return per_call * rounds + std::chrono::seconds(30);
}

// What the coroutine touches, shared with it: if the watchdog stops the batch, destroying the
// io_context destroys the suspended coroutine, which releases this last, while the io_context's
// services still exist for the client's sockets.
struct BlockingState {
    BlockingState(std::unique_ptr<HttpLlmClient> c, const Settings& settings)
        : client(std::move(c)),
          limiter(static_cast<std::size_t>(settings.max_concurrent_calls)),
          flow(settings, limiter) {}

    std::unique_ptr<HttpLlmClient> client;
    AsyncSemaphore limiter;
    FlowSet flow;
    CallMetrics metrics;
    std::optional<LlmPhaseResult> result;
};

}  // namespace

std::vector<LlmCandidate> take_candidates(RulePhaseResult& phase1) {
    std::vector<LlmCandidate> all;
    for (FileReport& file : phase1.files) {
        for (LlmCandidate& candidate : file.candidates)
            all.push_back(std::move(candidate));
        file.candidates.clear();
    }
    return all;
}

ChatRequest make_chat_request(const LlmCandidate& candidate) {
    ChatRequest request;
    request.messages = {{"system", std::string(analysis_system_prompt())},
                        {"user", candidate.user_prompt}};
    request.json_mode = true;
    request.max_tokens = kMaxAnswerTokens;
    request.temperature = 0.0;  // a review, not a story: the same test gets the same answer
    return request;
}

awaitable<LlmPhaseResult> run_llm_phase(LlmCallRunner& runner, const CallMetrics& metrics,
                                        const std::vector<LlmCandidate>& candidates, Logger log) {
    const auto started = SteadyClock::now();
    std::vector<LlmTask> tasks;
    tasks.reserve(candidates.size());
    for (const LlmCandidate& candidate : candidates)
        tasks.push_back(
            LlmTask{candidate.file + "::" + candidate.function, make_chat_request(candidate)});
    // Each answer is parsed as its call is counted: one whose content is not the analysis asked
    // for fails its task in the log line's figures too, as it did in the original.
    std::vector<std::optional<Expected<LlmAnswer, std::string>>> parsed(candidates.size());
    LlmAnswerParser parser;
    const auto check = [&parsed, &parser](
                           std::size_t task,
                           const ChatResponse& answer) -> std::optional<std::string> {
        auto& slot = parsed[task].emplace(parser.parse(answer.content));
        if (slot)
            return std::nullopt;
        return "unusable answer: " + slot.error();
    };
    const ParallelCallsResult calls =
        co_await run_parallel_calls(runner, tasks, log, std::nullopt, check);

    LlmPhaseResult result;
    result.answers.reserve(calls.outcomes.size());
    for (std::size_t i = 0; i < calls.outcomes.size(); ++i) {
        if (parsed[i])
            result.answers.push_back(std::move(*parsed[i]));
        else
            result.answers.emplace_back(Unexpected(calls.outcomes[i].result.error().describe()));
    }
    result.calls = summarize(metrics);
    result.elapsed =
        std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - started);
    co_return result;
}

Expected<LlmPhaseResult, LlmPhaseError> run_llm_phase_blocking(
    const Settings& settings, const std::vector<LlmCandidate>& candidates, const Logger& log) {
    net::io_context ioc{1};  // one thread runs it: posts from that thread take no lock
    auto client = make_http_llm_client(ioc.get_executor(), settings);
    if (!client)
        return Unexpected(
            LlmPhaseError{LlmPhaseError::Kind::configuration, client.error().message()});
    if (candidates.empty())
        return LlmPhaseResult{};
    auto state = std::make_shared<BlockingState>(std::move(*client), settings);

    const auto bound = batch_bound(settings, candidates.size());
    std::exception_ptr failure;
    net::steady_timer watchdog(ioc, bound);
    watchdog.async_wait([&ioc](boost::system::error_code ec) {
        if (!ec)
            ioc.stop();  // operation_aborted: the batch finished first
    });
    net::co_spawn(
        ioc,
        [state, &candidates, &settings, log]() -> awaitable<void> {
            LlmCallRunner runner(*state->client, state->limiter, CallPolicy::from(settings),
                                 state->metrics, 0x5eed, state->flow.controls());
            state->result.emplace(co_await run_llm_phase(runner, state->metrics, candidates, log));
        },
        [&failure, &watchdog](std::exception_ptr error) {
            failure = error;
            watchdog.cancel();
        });
    ioc.run();
    if (failure)
        std::rethrow_exception(failure);  // a bug, not an outcome
    if (!state->result) {
        return Unexpected(LlmPhaseError{
            LlmPhaseError::Kind::hung,
            "the LLM phase did not finish within " +
                std::to_string(std::chrono::duration_cast<std::chrono::seconds>(bound).count()) +
                " s"});
    }
    return std::move(*state->result);
}

}  // namespace qa
