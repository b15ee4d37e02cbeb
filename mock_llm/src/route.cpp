#include "mock_llm/route.hpp"

namespace mock_llm {

std::string_view target_path(std::string_view target) noexcept {
    return target.substr(0, target.find('?'));
}

std::string_view endpoint_name(Endpoint endpoint) noexcept {
    switch (endpoint) {
        case Endpoint::chat_completions:
            return "chat_completions";
        case Endpoint::models:
            return "models";
        case Endpoint::user_balance:
            return "user_balance";
        case Endpoint::healthz:
            return "healthz";
        case Endpoint::metrics:
            return "metrics";
        case Endpoint::mock_stats:
            return "mock_stats";
        case Endpoint::mock_reset:
            return "mock_reset";
        case Endpoint::mock_journal:
            return "mock_journal";
        case Endpoint::mock_profile:
            return "mock_profile";
        case Endpoint::mock_profile_set:
            return "mock_profile_set";
        case Endpoint::not_found:
            return "not_found";
        case Endpoint::method_not_allowed:
            return "method_not_allowed";
    }
    return "not_found";
}

namespace {

// The answer for a known path: the endpoint when the method matches, else a 405.
Route known(std::string_view method, std::string_view wanted, Endpoint endpoint, bool data_plane) {
    if (method == wanted) {
        return Route{endpoint, data_plane, {}};
    }
    return Route{Endpoint::method_not_allowed, data_plane, wanted};
}

Route control(std::string_view path, std::string_view method) {
    if (path == "/_mock/stats") {
        return known(method, "GET", Endpoint::mock_stats, false);
    }
    if (path == "/_mock/reset") {
        return known(method, "POST", Endpoint::mock_reset, false);
    }
    if (path == "/_mock/journal") {
        return known(method, "GET", Endpoint::mock_journal, false);
    }
    if (path == "/_mock/profile") {
        if (method == "POST") {
            return Route{Endpoint::mock_profile_set, false, {}};
        }
        if (method == "GET") {
            return Route{Endpoint::mock_profile, false, {}};
        }
        return Route{Endpoint::method_not_allowed, false, "GET, POST"};
    }
    return Route{Endpoint::not_found, false, {}};
}

}  // namespace

Route route(std::string_view method, std::string_view target) noexcept {
    const std::string_view path = target_path(target);
    if (path == "/chat/completions" || path == "/v1/chat/completions") {
        return known(method, "POST", Endpoint::chat_completions, true);
    }
    if (path == "/models" || path == "/v1/models") {
        return known(method, "GET", Endpoint::models, true);
    }
    if (path == "/user/balance" || path == "/v1/user/balance") {
        return known(method, "GET", Endpoint::user_balance, true);
    }
    if (path == "/healthz") {
        return known(method, "GET", Endpoint::healthz, false);
    }
    if (path == "/metrics") {
        return known(method, "GET", Endpoint::metrics, false);
    }
    if (path == "/_mock" || path.starts_with("/_mock/")) {
        return control(path, method);
    }
    return Route{Endpoint::not_found, true, {}};
}

}  // namespace mock_llm
