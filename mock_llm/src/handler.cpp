#include "mock_llm/handler.hpp"

#include "mock_llm/chat_request.hpp"
#include "mock_llm/completion.hpp"
#include "mock_llm/errors.hpp"
#include "mock_llm/fault.hpp"
#include "mock_llm/hash.hpp"
#include "mock_llm/json_text.hpp"

namespace mock_llm {

namespace {

constexpr std::string_view kInvalidRequest = "invalid_request_error";

Decision error_decision(int status, std::string_view message, std::string_view type,
                        std::string_view code) {
    Decision decision;
    decision.status = status;
    decision.body = error_body(message, type, code);
    return decision;
}

// DeepSeek's answer when a client exceeds its rate limit, with OpenAI's two retry hints.
Decision rate_limited(std::chrono::microseconds retry_after) {
    Decision decision =
        error_decision(429, "Rate Limit Reached", "rate_limit_error", "rate_limit_exceeded");
    decision.headers.push_back({"retry-after-ms", format_millis(retry_after)});
    decision.headers.push_back({"Retry-After", format_ceil_seconds(retry_after)});
    return decision;
}

Decision closing(Decision decision) {
    decision.close = true;
    return decision;
}

}  // namespace

Decision decide_chat(const ServerConfig& config, const ChatCall& call) {
    ChatRequestParser parser;
    return decide_chat(config, call, parser);
}

Decision decide_chat(const ServerConfig& config, const ChatCall& call, ChatRequestParser& parser) {
    auto request = parser.parse(call.body);
    if (!request) {
        const Rejection& rejection = request.error();
        return error_decision(rejection.status, rejection.message, kInvalidRequest,
                              rejection.status == 400 ? "invalid_json" : "invalid_messages");
    }
    switch (decide_fault(config.seed, call.body_hash, call.occurrence, config.rate_429,
                         config.rate_500)) {
        case Fault::rate_limited:
            return rate_limited(config.retry_after);
        case Fault::server_error:
            return error_decision(500, "The server had an error while processing your request",
                                  "server_error", "internal_server_error");
        case Fault::none:
            break;
    }
    const std::string content = review_content(request->messages_hash);
    const std::string id =
        completion_id(hash_combine(hash_combine(config.seed, call.body_hash), call.occurrence));
    Decision decision;
    decision.delay = config.latency;
    decision.body = completion_body(Completion{
        .id = id,
        .created_unix = call.created_unix,
        .model = request->model,
        .content = content,
        .prompt_tokens = estimate_tokens(request->prompt_chars),
    });
    return decision;
}

Decision route_error(const Route& route, std::string_view method, std::string_view target) {
    const std::string_view path = target_path(target);
    if (route.endpoint == Endpoint::method_not_allowed) {
        Decision decision =
            error_decision(405,
                           "Method " + std::string(method) + " not allowed on " +
                               std::string(path) + "; use " + std::string(route.allow),
                           kInvalidRequest, "method_not_allowed");
        decision.headers.push_back({"Allow", std::string(route.allow)});
        return decision;
    }
    return error_decision(404, "Unknown path " + std::string(path), kInvalidRequest, "not_found");
}

Decision healthz_ok() {
    return json_ok(R"({"status":"ok"})");
}

Decision json_ok(std::string body) {
    Decision decision;
    decision.body = std::move(body);
    return decision;
}

Decision malformed_request(std::string_view reason) {
    return closing(error_decision(400, "Malformed HTTP request: " + std::string(reason),
                                  kInvalidRequest, "bad_request"));
}

Decision body_too_large(std::size_t max_body_bytes) {
    return closing(error_decision(
        413, "Request body too large: the limit is " + std::to_string(max_body_bytes) + " bytes",
        kInvalidRequest, "request_too_large"));
}

Decision header_too_large() {
    return closing(error_decision(431, "Request header fields too large", kInvalidRequest,
                                  "header_too_large"));
}

std::string format_millis(std::chrono::microseconds duration) {
    const auto micros = duration.count();
    std::string out;
    append_integer(out, micros / 1000);
    auto fraction = micros % 1000;
    if (fraction != 0) {
        out += '.';
        int digits = 3;
        while (fraction % 10 == 0) {
            fraction /= 10;
            --digits;
        }
        std::string decimals;
        append_integer(decimals, fraction);
        out.append(static_cast<std::size_t>(digits) - decimals.size(), '0');
        out += decimals;
    }
    return out;
}

std::string format_ceil_seconds(std::chrono::microseconds duration) {
    std::string out;
    append_integer(out, (duration.count() + 999'999) / 1'000'000);
    return out;
}

}  // namespace mock_llm
