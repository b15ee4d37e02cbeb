#pragma once
// The mock's routing table: (method, target) -> endpoint. Pure; no I/O.

#include <string_view>

namespace mock_llm {

enum class Endpoint {
    chat_completions,    // POST /chat/completions, POST /v1/chat/completions
    models,              // GET /models, GET /v1/models
    user_balance,        // GET /user/balance, GET /v1/user/balance
    healthz,             // GET /healthz
    metrics,             // GET /metrics (Prometheus text)
    mock_stats,          // GET /_mock/stats
    mock_reset,          // POST /_mock/reset
    mock_journal,        // GET /_mock/journal
    mock_profile,        // GET /_mock/profile
    mock_profile_set,    // POST /_mock/profile
    not_found,           // 404
    method_not_allowed,  // 405, see Route::allow
};

// "chat_completions", "models", ...: how the journal names an endpoint.
std::string_view endpoint_name(Endpoint endpoint) noexcept;

struct Route {
    Endpoint endpoint = Endpoint::not_found;
    // Data plane: everything but /healthz, /metrics and /_mock/*; only these requests are
    // counted in Stats and the journal.
    bool data_plane = true;
    // The Allow header value of a 405 (empty otherwise).
    std::string_view allow;
};

// The path of a request target: everything before '?'.
std::string_view target_path(std::string_view target) noexcept;

Route route(std::string_view method, std::string_view target) noexcept;

}  // namespace mock_llm
