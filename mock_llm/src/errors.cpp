#include "mock_llm/errors.hpp"

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include "mock_llm/request_headers.hpp"

namespace mock_llm {

namespace {

constexpr std::string_view kInvalidRequest = "invalid_request_error";

// Messages and types as DeepSeek sends them where its bodies are known: it titles the error
// (its error-code page names 400 Invalid Format, 401 Authentication Fails, 402 Insufficient
// Balance, 422 Invalid Parameters, 429 Rate Limit Reached, 500 Server Error, 503 Server
// Overloaded) and puts "invalid_request_error" in code for client errors, e.g. 401
// {"type":"authentication_error","code":"invalid_request_error"} and 402
// {"message":"Insufficient Balance","type":"unknown_error","code":"invalid_request_error"}.
// Where DeepSeek's body is not known, OpenAI's: 429 rate_limit_exceeded, 500 server_error,
// 503 service_unavailable_error / server_is_overloaded.
constexpr std::array<ErrorKind, kErrorCatalogueSize> kCatalogue{{
    {400, "Invalid request body format", kInvalidRequest, kInvalidRequest},
    {401, "Authentication Fails (no such user)", "authentication_error", kInvalidRequest},
    {402, "Insufficient Balance", "unknown_error", kInvalidRequest},
    {404, "Not Found", kInvalidRequest, "not_found"},
    {405, "Method Not Allowed", kInvalidRequest, "method_not_allowed"},
    {408, "Request Timeout", kInvalidRequest, "request_timeout"},
    {413, "Request body too large", kInvalidRequest, "request_too_large"},
    {422, "Invalid Parameters", kInvalidRequest, kInvalidRequest},
    {429, "Rate Limit Reached", "rate_limit_error", "rate_limit_exceeded"},
    {431, "Request header fields too large", kInvalidRequest, "header_too_large"},
    {500, "The server had an error while processing your request", "server_error",
     "internal_server_error"},
    {502, "Bad Gateway", "server_error", ""},
    {503, "Server Overloaded", "service_unavailable_error", "server_is_overloaded"},
}};

static_assert(std::is_sorted(kCatalogue.begin(), kCatalogue.end(),
                             [](const ErrorKind& a, const ErrorKind& b) {
                                 return a.status < b.status;
                             }));

// Ordered: the keys go out in DeepSeek's order (message, type, param, code), not sorted.
using OrderedJson = nlohmann::ordered_json;

OrderedJson null_if_empty(std::string_view text) {
    return text.empty() ? OrderedJson(nullptr) : OrderedJson(text);
}

}  // namespace

std::span<const ErrorKind> error_catalogue() noexcept {
    return kCatalogue;
}

const ErrorKind* find_error_kind(int status) noexcept {
    const auto row =
        std::lower_bound(kCatalogue.begin(), kCatalogue.end(), status,
                         [](const ErrorKind& kind, int wanted) { return kind.status < wanted; });
    return row != kCatalogue.end() && row->status == status ? &*row : nullptr;
}

std::string authentication_failed_message(std::string_view authorization) {
    const std::string_view key = bearer_key(authorization);
    if (key.empty()) {
        return std::string(find_error_kind(401)->message);
    }
    // DeepSeek masks all but the last 4 characters; a shorter key is shown whole after the mask.
    constexpr std::size_t kShown = 4;
    const std::string_view tail = key.substr(key.size() - std::min(key.size(), kShown));
    return "Authentication Fails, Your api key: ****" + std::string(tail) + " is invalid";
}

std::string error_body(std::string_view message, std::string_view type, std::string_view code,
                       std::string_view param) {
    const OrderedJson body = {{"error",
                               {{"message", message},
                                {"type", type},
                                {"param", null_if_empty(param)},
                                {"code", null_if_empty(code)}}}};
    return body.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

}  // namespace mock_llm
