#include "mock_llm/control_client.hpp"

#include <httplib.h>

#include <nlohmann/json.hpp>

namespace mock_llm {

struct BlockingControlClient::Impl {
    Impl(std::string host_in, std::uint16_t port_in, std::chrono::milliseconds timeout)
        : host(std::move(host_in)), port(port_in), client(host, port) {
        client.set_connection_timeout(timeout);
        client.set_read_timeout(timeout);
        client.set_write_timeout(timeout);
    }

    // "GET /_mock/stats on 127.0.0.1:8080": the start of every error text.
    std::string describe(std::string_view request) const {
        return std::string(request) + " on " + host + ':' + std::to_string(port);
    }

    // The body of a 200 answer, or why there is none.
    support::Expected<std::string, std::string> expect_ok(const httplib::Result& result,
                                                          std::string_view request) const {
        if (!result) {
            return support::Unexpected(describe(request) +
                                       " failed: " + httplib::to_string(result.error()));
        }
        if (result->status != 200) {
            return support::Unexpected(describe(request) + " answered " +
                                       std::to_string(result->status) + ": " + result->body);
        }
        return result->body;
    }

    std::string host;
    std::uint16_t port;
    httplib::Client client;
};

BlockingControlClient::BlockingControlClient(std::string host, std::uint16_t port,
                                             std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>(std::move(host), port, timeout)) {}

BlockingControlClient::~BlockingControlClient() = default;
BlockingControlClient::BlockingControlClient(BlockingControlClient&&) noexcept = default;
BlockingControlClient& BlockingControlClient::operator=(BlockingControlClient&&) noexcept = default;

support::Expected<Stats, std::string> BlockingControlClient::get_stats() {
    constexpr std::string_view kRequest = "GET /_mock/stats";
    auto body = impl_->expect_ok(impl_->client.Get("/_mock/stats"), kRequest);
    if (!body) {
        return support::Unexpected(std::move(body).error());
    }
    const auto document = nlohmann::json::parse(*body, nullptr, false);
    if (document.is_discarded()) {
        return support::Unexpected(impl_->describe(kRequest) + " answered invalid JSON: " + *body);
    }
    try {
        return document.get<Stats>();
    } catch (const std::exception& error) {
        return support::Unexpected(impl_->describe(kRequest) +
                                   " answered JSON that is not Stats: " + error.what());
    }
}

support::Expected<void, std::string> BlockingControlClient::reset() {
    auto body = impl_->expect_ok(impl_->client.Post("/_mock/reset"), "POST /_mock/reset");
    if (!body) {
        return support::Unexpected(std::move(body).error());
    }
    return {};
}

support::Expected<void, std::string> BlockingControlClient::set_profile(
    const std::string& profile_json) {
    auto body =
        impl_->expect_ok(impl_->client.Post("/_mock/profile", profile_json, "application/json"),
                         "POST /_mock/profile");
    if (!body) {
        return support::Unexpected(std::move(body).error());
    }
    return {};
}

}  // namespace mock_llm
