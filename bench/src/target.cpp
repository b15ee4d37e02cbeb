#include "bench/target.hpp"

#include <algorithm>

#include "bench/cpu_affinity.hpp"
#include "mock_llm/control_client.hpp"
#include "qa/llm/endpoint.hpp"

namespace bench {

qa::Expected<std::unique_ptr<Target>, std::string> Target::start(const TargetOptions& options) {
    std::unique_ptr<Target> target(new Target());
    if (!options.external_url.empty()) {
        auto endpoint = qa::parse_endpoint(options.external_url);
        if (!endpoint)
            return qa::Unexpected("--llm-url: " + endpoint.error());
        target->base_url_ = options.external_url;
        target->control_host_ = endpoint->host;
        target->control_port_ = endpoint->port;
        return target;
    }

    mock_llm::ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(options.latency);
    config.profile.retry_after = options.retry_after;
    config.profile.behaviour = options.behaviour;
    config.profile.chaos = options.chaos;
    config.profile.chaos.rate("429") = std::max(options.chaos.rate("429"), options.rate_429);
    config.profile.chaos.rate("500") = std::max(options.chaos.rate("500"), options.rate_500);
    config.profile.seed = options.seed;
    if (options.separate_cpus) {
        if (const auto cpu = cpu_for_embedded_mock()) {
            config.pin_to_cpu = *cpu;
            target->mock_cpu_ = *cpu;
            target->client_off_mock_cpu_.emplace(*cpu);  // the client: every other CPU
        }
    }
    auto server = mock_llm::Server::start(config);
    if (!server)
        return qa::Unexpected("starting the embedded mock: " + server.error());
    target->server_ = std::move(*server);
    target->control_host_ = target->server_->host();
    target->control_port_ = target->server_->port();
    target->base_url_ =
        "http://" + target->control_host_ + ":" + std::to_string(target->control_port_);
    return target;
}

Target::~Target() {
    if (server_)
        server_->stop();
    // Then client_off_mock_cpu_ gives the client thread its CPUs back (declared first, so it
    // goes last).
}

std::optional<std::size_t> Target::open_connections() const {
    if (!server_)
        return std::nullopt;
    return server_->open_connections();
}

std::optional<mock_llm::Profile> Target::profile() const {
    if (!server_)
        return std::nullopt;
    return server_->profile();
}

void Target::reset_stats_blocking() {
    if (server_) {
        server_->reset();
        return;
    }
    mock_llm::BlockingControlClient control(control_host_, control_port_);
    (void)control.reset();  // not a mock: nothing to reset
}

std::optional<mock_llm::Stats> Target::stats_blocking() {
    if (server_)
        return server_->stats();
    mock_llm::BlockingControlClient control(control_host_, control_port_);
    auto stats = control.get_stats();
    if (!stats)
        return std::nullopt;
    return *stats;
}

}  // namespace bench
