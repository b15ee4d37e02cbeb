// The DeepSeek API endpoints' decisions: chat completions, models, balance, and the per-request
// x-mock-* directives around them.
#include "mock_llm/handler.hpp"

#include "mock_llm/completion.hpp"
#include "mock_llm/errors.hpp"
#include "mock_llm/fault.hpp"
#include "mock_llm/hash.hpp"
#include "mock_llm/mock_headers.hpp"
#include "mock_llm/stream.hpp"
#include "support/expected.hpp"

namespace mock_llm {

namespace {

// DeepSeek's two models, as its GET /models lists them.
constexpr std::string_view kModelsBody =
    R"({"object":"list","data":[)"
    R"({"id":"deepseek-chat","object":"model","owned_by":"deepseek"},)"
    R"({"id":"deepseek-reasoner","object":"model","owned_by":"deepseek"}]})";

// GET /user/balance in DeepSeek's shape (amounts are strings there).
constexpr std::string_view kBalanceBody =
    R"({"is_available":true,"balance_infos":[{"currency":"CNY","total_balance":"110.00",)"
    R"("granted_balance":"10.00","topped_up_balance":"100.00"}]})";

// OpenAI's two retry hints: retry-after-ms (fractional) and Retry-After (whole seconds).
void add_retry_hints(Decision& decision, std::chrono::microseconds retry_after) {
    decision.headers.push_back({"retry-after-ms", format_millis(retry_after)});
    decision.headers.push_back({"Retry-After", format_ceil_seconds(retry_after)});
}

Decision rate_limited(std::chrono::microseconds retry_after) {
    Decision decision = api_error(429);
    add_retry_hints(decision, retry_after);
    return decision;
}

struct Directives {
    std::optional<FaultDirective> fault;
    std::chrono::microseconds extra_delay{0};
};

Decision bad_header(std::string_view header, std::string_view value, std::string_view reason) {
    return api_error(400,
                     "Invalid " + std::string(header) + " header \"" + std::string(value) +
                         "\": " + std::string(reason),
                     header);
}

// What the x-mock-* headers ask for, or the 400 naming the malformed one.
support::Expected<Directives, Decision> read_directives(const RequestHeaders& headers) {
    Directives directives;
    if (headers.mock_fault) {
        auto fault = parse_fault_header(*headers.mock_fault);
        if (!fault) {
            return support::Unexpected(
                bad_header(kFaultHeader, *headers.mock_fault, fault.error()));
        }
        directives.fault = *fault;
    }
    if (headers.mock_delay_ms) {
        auto delay = parse_delay_header(*headers.mock_delay_ms);
        if (!delay) {
            return support::Unexpected(
                bad_header(kDelayHeader, *headers.mock_delay_ms, delay.error()));
        }
        directives.extra_delay = *delay;
    }
    return directives;
}

Decision injected_fault(const ServerConfig& config, const FaultDirective& fault,
                        const RequestHeaders& headers) {
    Decision decision = fault.status == 401
                            ? api_error(401, authentication_failed_message(headers.authorization))
                            : api_error(fault.status);
    if (fault.retry_after) {
        add_retry_hints(decision, *fault.retry_after);
    } else if (fault.status == 429) {
        add_retry_hints(decision, config.retry_after);  // as a seeded 429
    }
    return decision;
}

// `answer()` under the request's x-mock-* directives.
template <class Answer>
Decision under_directives(const ServerConfig& config, const RequestHeaders& headers,
                          Answer&& answer) {
    auto directives = read_directives(headers);
    if (!directives) {
        return std::move(directives).error();
    }
    Decision decision =
        directives->fault ? injected_fault(config, *directives->fault, headers) : answer();
    decision.delay += directives->extra_delay;
    return decision;
}

// The 200 answer to a valid request.
Decision answer_chat(const ServerConfig& config, const ChatCall& call, const ChatRequest& request) {
    const std::string review = review_content(request.messages_hash);
    const Truncated content = truncate_to_tokens(review, request.max_tokens);
    const std::string id =
        completion_id(hash_combine(hash_combine(config.seed, call.body_hash), call.occurrence));
    const std::string fingerprint = system_fingerprint(config.seed);
    const Completion completion{
        .id = id,
        .created_unix = call.created_unix,
        .model = request.model,
        .system_fingerprint = fingerprint,
        .content = content.text,
        .finish_reason = content.truncated ? "length" : "stop",
        .usage = {.prompt_tokens = request.prompt_tokens,
                  .completion_tokens = estimate_tokens(content.text.size()),
                  .prompt_cache_hit_tokens = cache_hit_tokens(request.system_prefix_tokens)},
    };
    Decision decision;
    decision.delay = config.latency;
    if (request.stream) {
        EventStream events = stream_events(completion, request.include_usage);
        decision.body = std::move(events.text);
        decision.event_ends = std::move(events.event_ends);
    } else {
        decision.body = completion_body(completion);
    }
    return decision;
}

}  // namespace

Decision decide_chat(const ServerConfig& config, const ChatCall& call) {
    ChatRequestParser parser;
    return decide_chat(config, call, parser);
}

Decision decide_chat(const ServerConfig& config, const ChatCall& call, ChatRequestParser& parser) {
    return under_directives(config, call.headers, [&]() -> Decision {
        auto request = parser.parse(call.body);
        if (!request) {
            const Rejection& rejection = request.error();
            return api_error(rejection.status, rejection.message, rejection.param);
        }
        switch (decide_fault(config.seed, call.body_hash, call.occurrence, config.rate_429,
                             config.rate_500)) {
            case Fault::rate_limited:
                return rate_limited(config.retry_after);
            case Fault::server_error:
                return api_error(500);
            case Fault::none:
                break;
        }
        return answer_chat(config, call, *request);
    });
}

Decision decide_models(const ServerConfig& config, const RequestHeaders& headers) {
    return under_directives(config, headers, [] { return json_ok(std::string(kModelsBody)); });
}

Decision decide_balance(const ServerConfig& config, const RequestHeaders& headers) {
    return under_directives(config, headers, [] { return json_ok(std::string(kBalanceBody)); });
}

}  // namespace mock_llm
