#include "embedded_llm.hpp"

namespace qa::cli {

Expected<EmbeddedLlm, std::string> EmbeddedLlm::start(std::chrono::microseconds latency) {
    mock_llm::ServerConfig config;
    config.host = "127.0.0.1";
    config.port = 0;
    config.profile.latency = mock_llm::LatencyModel::fixed(latency);
    auto server = mock_llm::Server::start(config);
    if (!server)
        return Unexpected("starting the embedded mock LLM: " + server.error());
    EmbeddedLlm llm;
    llm.base_url_ = "http://" + (*server)->host() + ":" + std::to_string((*server)->port());
    llm.server_ = std::move(*server);
    return llm;
}

}  // namespace qa::cli
