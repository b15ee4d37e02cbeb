#include "mock_llm/route.hpp"

namespace mock_llm {

std::string_view target_path(std::string_view target) noexcept {
    return target.substr(0, target.find('?'));
}

namespace {

// The answer for a known path: the endpoint when the method matches, else a 405.
Route known(std::string_view method, std::string_view wanted, Endpoint endpoint, bool data_plane) {
    if (method == wanted) {
        return Route{endpoint, data_plane, {}};
    }
    return Route{Endpoint::method_not_allowed, data_plane, wanted};
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
    if (path == "/_mock/stats") {
        return known(method, "GET", Endpoint::mock_stats, false);
    }
    if (path == "/_mock/reset") {
        return known(method, "POST", Endpoint::mock_reset, false);
    }
    const bool control_plane = path == "/_mock" || path.starts_with("/_mock/");
    return Route{Endpoint::not_found, !control_plane, {}};
}

}  // namespace mock_llm
