// The DeepSeek API endpoints' decisions: chat completions, models, balance, and the per-request
// x-mock-* directives around them.
#include "mock_llm/completion.hpp"
#include "mock_llm/errors.hpp"
#include "mock_llm/fault_answer.hpp"
#include "mock_llm/handler.hpp"
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

// `answer()` under the request's x-mock-* directives.
template <class Answer>
Decision under_directives(const Profile& profile, const RequestHeaders& headers, Answer&& answer) {
    auto directives = read_directives(headers);
    if (!directives) {
        return std::move(directives).error();
    }
    Decision decision;
    if (directives->fault) {
        FaultSpec spec{.kind = FaultKind::status,
                       .status = directives->fault->status,
                       .retry_after = directives->fault->retry_after,
                       .x_should_retry = std::nullopt};
        decision = status_fault_answer(spec, profile.retry_after, headers.authorization);
        decision.fault_source = FaultSource::header;
    } else {
        decision = answer();
    }
    decision.delay += directives->extra_delay;
    return decision;
}

// The 200 answer to a valid request, after its service time; `completion_tokens` is set to
// what the content estimates to.
Decision answer_chat(const Profile& profile, const ChatCall& call, const ChatRequest& request,
                     std::int64_t in_service, std::size_t& completion_tokens) {
    const ReviewContent review = make_review(request.messages_hash);
    const Truncated content = truncate_to_tokens(review.text, request.max_tokens);
    const CompletionId id =
        completion_id(hash_combine(hash_combine(profile.seed, call.body_hash), call.occurrence));
    const std::string fingerprint = system_fingerprint(profile.seed);
    completion_tokens = estimate_tokens(content.text.size());
    const Completion completion{
        .id = id.view(),
        .created_unix = call.created_unix,
        .model = request.model,
        .system_fingerprint = fingerprint,
        .content = content.text,
        // Whole, the content is already escaped; cut by max_tokens, the body escapes the cut.
        .content_escaped = content.truncated ? std::string_view() : review.json_escaped,
        .finish_reason = content.truncated ? "length" : "stop",
        .usage = {.prompt_tokens = request.prompt_tokens,
                  .completion_tokens = completion_tokens,
                  .prompt_cache_hit_tokens = cache_hit_tokens(request.system_prefix_tokens)},
    };
    const ServiceTime time =
        service_time(profile.latency, profile.seed, call.body_hash, call.occurrence, in_service);
    Decision decision;
    if (request.stream) {
        EventStream events = stream_events(completion, request.include_usage);
        decision.body = std::move(events.text);
        decision.event_ends = std::move(events.event_ends);
        // The first token after time to first token, then one content piece per token time.
        decision.delay = time.first_token;
        decision.event_interval = time.per_token;
        decision.paced_events = events.content_events;
    } else {
        decision.delay = time.total(completion_tokens);
        decision.body = completion_body(completion);
    }
    return decision;
}

// A script's fault for the request, else the chaos layer's.
FaultSpec pick_fault(const Profile& profile, const ChatCall& call, bool streamed, ChatGate* gate,
                     FaultSource& source) {
    if (gate != nullptr) {
        if (const FaultSpec* scripted = gate->script_fault(call)) {
            source = FaultSource::script;
            return *scripted;
        }
    }
    if (!profile.chaos.active()) {
        return {};
    }
    const FaultSpec chaos =
        decide_chaos(profile.chaos, profile.seed, call.body_hash, call.occurrence, streamed);
    source = chaos.kind == FaultKind::none ? FaultSource::none : FaultSource::chaos;
    return chaos;
}

Decision serve_chat(const Profile& profile, const ChatCall& call, const ChatRequest& request,
                    ChatGate* gate) {
    FaultSource source = FaultSource::none;
    const FaultSpec fault = pick_fault(profile, call, request.stream, gate, source);
    if (fault.kind == FaultKind::status || fault.kind == FaultKind::reset) {
        // At the front door: no slot taken, no latency.
        Decision decision =
            fault.kind == FaultKind::status
                ? status_fault_answer(fault, profile.retry_after, call.headers.authorization)
                : Decision{};
        if (fault.kind == FaultKind::reset) {
            apply_delivery_fault(decision, FaultKind::reset, profile.chaos.drip);
        }
        decision.fault_source = source;
        return decision;
    }
    std::size_t completion_tokens = 0;
    Decision answer =
        answer_chat(profile, call, request, gate ? gate->in_service() : 0, completion_tokens);
    if (gate != nullptr) {
        if (auto refused = gate->admit(request, completion_tokens)) {
            return std::move(*refused);
        }
    }
    if (fault.kind != FaultKind::none) {
        apply_delivery_fault(answer, fault.kind, profile.chaos.drip);
        answer.fault_source = answer.fault == FaultKind::none ? FaultSource::none : source;
    }
    return answer;
}

}  // namespace

void add_retry_hints(Decision& decision, std::chrono::microseconds retry_after) {
    decision.headers.push_back({"retry-after-ms", format_millis(retry_after)});
    decision.headers.push_back({"Retry-After", format_ceil_seconds(retry_after)});
}

Decision decide_chat(const ServerConfig& config, const ChatCall& call) {
    ChatRequestParser parser;
    return decide_chat(config.profile, call, parser);
}

Decision decide_chat(const ServerConfig& config, const ChatCall& call, ChatRequestParser& parser) {
    return decide_chat(config.profile, call, parser);
}

Decision decide_chat(const Profile& profile, const ChatCall& call, ChatRequestParser& parser,
                     ChatGate* gate) {
    return under_directives(profile, call.headers, [&]() -> Decision {
        auto request = parser.parse(call.body);
        if (!request) {
            const Rejection& rejection = request.error();
            return api_error(rejection.status, rejection.message, rejection.param);
        }
        return serve_chat(profile, call, *request, gate);
    });
}

Decision decide_models(const Profile& profile, const RequestHeaders& headers) {
    return under_directives(profile, headers, [] { return json_ok(std::string(kModelsBody)); });
}

Decision decide_balance(const Profile& profile, const RequestHeaders& headers) {
    return under_directives(profile, headers, [] { return json_ok(std::string(kBalanceBody)); });
}

}  // namespace mock_llm
