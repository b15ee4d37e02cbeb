#include "server_state.hpp"

#include <chrono>

#include <nlohmann/json.hpp>

#include "mock_llm/hash.hpp"

namespace mock_llm {

Decision ServerState::handle(const Route& route, std::string_view method, std::string_view target,
                             std::string_view body, const RequestHeaders& headers) {
    switch (route.endpoint) {
        case Endpoint::chat_completions: {
            const std::uint64_t body_hash = fnv1a64(body);
            const std::uint64_t occurrence = occurrences_[body_hash]++;
            const auto now = std::chrono::system_clock::now().time_since_epoch();
            return decide_chat(
                config_,
                ChatCall{body, body_hash, occurrence,
                         std::chrono::duration_cast<std::chrono::seconds>(now).count(), headers},
                request_parser_);
        }
        case Endpoint::models:
            return decide_models(config_, headers);
        case Endpoint::user_balance:
            return decide_balance(config_, headers);
        case Endpoint::healthz:
            return healthz_ok();
        case Endpoint::mock_stats:
            return json_ok(nlohmann::json(stats_.snapshot()).dump());
        case Endpoint::mock_reset:
            reset();
            return json_ok(R"({"reset":true})");
        case Endpoint::not_found:
        case Endpoint::method_not_allowed:
            break;
    }
    return route_error(route, method, target);
}

void ServerState::reset() {
    occurrences_.clear();
    stats_.reset();
}

}  // namespace mock_llm
