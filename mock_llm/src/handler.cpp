#include "mock_llm/handler.hpp"

#include <cassert>

#include "mock_llm/errors.hpp"
#include "mock_llm/json_text.hpp"

namespace mock_llm {

namespace {

Decision closing(Decision decision) {
    decision.close = true;
    return decision;
}

}  // namespace

Decision api_error(int status, std::string_view message, std::string_view param) {
    const ErrorKind* kind = find_error_kind(status);
    assert(kind != nullptr && "api_error: the status is not in the error catalogue");
    if (kind == nullptr) {
        kind = find_error_kind(500);
    }
    Decision decision;
    decision.status = kind->status;
    decision.body =
        error_body(message.empty() ? kind->message : message, kind->type, kind->code, param);
    return decision;
}

Decision route_error(const Route& route, std::string_view method, std::string_view target) {
    const std::string_view path = target_path(target);
    if (route.endpoint == Endpoint::method_not_allowed) {
        Decision decision =
            api_error(405, "Method " + std::string(method) + " not allowed on " +
                               std::string(path) + "; use " + std::string(route.allow));
        decision.headers.push_back({"Allow", std::string(route.allow)});
        return decision;
    }
    return api_error(404, "Unknown path " + std::string(path));
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
    // Its own code: this 400 is about the HTTP framing, not about a request body.
    Decision decision;
    decision.status = 400;
    decision.body = error_body("Malformed HTTP request: " + std::string(reason),
                               find_error_kind(400)->type, "bad_request");
    return closing(std::move(decision));
}

Decision body_too_large(std::size_t max_body_bytes) {
    return closing(api_error(
        413, "Request body too large: the limit is " + std::to_string(max_body_bytes) + " bytes"));
}

Decision header_too_large() {
    return closing(api_error(431));
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
