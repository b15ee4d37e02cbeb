// TLS to real endpoints: certificates are verified by default. Against a local HTTPS server
// with a self-signed test CA, a call succeeds only when that CA is passed (LLM_CA_FILE), and a
// certificate for another name is refused.
#include <gtest/gtest.h>

#include "phase_fixture.hpp"
#include "tls_test_server.hpp"

namespace qa::test {
namespace {

const std::string kData = QA_TEST_DATA_DIR;

ChatRequest hello() {
    ChatRequest request;
    request.messages = {{"user", "hello"}};
    return request;
}

// One call through the production client to `url`, with `ca_file` trusted besides the system.
Expected<ChatResponse, CallError> call_once(const std::string& url, const std::string& ca_file) {
    Settings settings = fast_settings(1);
    settings.base_url = url;
    settings.ca_file = ca_file;
    settings.max_retries = 0;
    auto rig = RunnerRig::make(settings);
    if (!rig)
        return Unexpected(CallError{CallErrorKind::internal, 0, "no client", std::nullopt});
    auto outcome = run_bounded(rig->ioc, rig->runner->run(hello()), std::chrono::seconds(20));
    if (!outcome)
        return Unexpected(CallError{CallErrorKind::internal, 0, "hung", std::nullopt});
    return outcome->result;
}

TEST(Tls, ACallSucceedsWhenTheServersCaIsTrusted) {
    TlsTestServer server(kData);
    for (const std::string host : {"127.0.0.1", "localhost"}) {
        const auto answer = call_once("https://" + host + ":" + std::to_string(server.port()),
                                      kData + "/tls/ca.pem");
        ASSERT_TRUE(answer) << host << ": " << answer.error().describe();
        EXPECT_EQ(answer->content, "over tls");
    }
}

// Keep-alive over TLS: the pool's check of an idle connection (a peek at the TCP socket) must
// not mistake TLS records for a server that wrote unasked, or every call would reconnect.
TEST(Tls, SequentialCallsReuseOneConnection) {
    TlsTestServer server(kData);
    Settings settings = fast_settings(1);
    settings.base_url = "https://127.0.0.1:" + std::to_string(server.port());
    settings.ca_file = kData + "/tls/ca.pem";
    settings.max_retries = 0;
    auto rig = RunnerRig::make(settings);
    ASSERT_TRUE(rig);
    for (int call = 0; call < 5; ++call) {
        const auto outcome =
            run_bounded(rig->ioc, rig->runner->run(hello()), std::chrono::seconds(20));
        ASSERT_TRUE(outcome);
        ASSERT_TRUE(outcome->result) << outcome->result.error().describe();
        rig->ioc.restart();
    }
    EXPECT_EQ(rig->client->pool().connections_opened(), 1u);
    EXPECT_EQ(rig->client->pool().idle_found_closed(), 0u);
    EXPECT_EQ(server.requests(), 5);
}

TEST(Tls, AnUntrustedCertificateIsRefused) {
    TlsTestServer server(kData);
    const auto answer =
        call_once("https://127.0.0.1:" + std::to_string(server.port()), /*ca_file=*/"");
    ASSERT_FALSE(answer);
    EXPECT_EQ(answer.error().kind, CallErrorKind::connect_failed);
    EXPECT_NE(answer.error().message.find("certificate verify failed"), std::string::npos)
        << answer.error().message;
    EXPECT_EQ(server.requests(), 0) << "no request is sent over an unverified connection";
}

TEST(Tls, ACertificateForAnotherNameIsRefused) {
    // The certificate names localhost and 127.0.0.1; this server answers on 127.0.0.2.
    TlsTestServer server(kData, "127.0.0.2");
    const auto answer =
        call_once("https://127.0.0.2:" + std::to_string(server.port()), kData + "/tls/ca.pem");
    ASSERT_FALSE(answer);
    EXPECT_EQ(answer.error().kind, CallErrorKind::connect_failed);
    EXPECT_EQ(server.requests(), 0);
}

TEST(Tls, ACaFileThatIsNotThereIsAConfigurationError) {
    const auto settings =
        settings_from_env([](std::string_view name) -> std::optional<std::string> {
            if (name == "LLM_CA_FILE")
                return "/nonexistent/ca.pem";
            return std::nullopt;
        });
    ASSERT_FALSE(settings);
    EXPECT_EQ(settings.error().variable, "LLM_CA_FILE");
    EXPECT_EQ(settings.error().value, "/nonexistent/ca.pem");
}

TEST(Tls, ACaFileThatIsNotPemIsAConfigurationError) {
    Settings settings;
    settings.base_url = "https://127.0.0.1:1";
    settings.ca_file = kData + "/tls/server.key";  // a key, not certificates
    net::io_context ioc;
    const auto client = make_http_llm_client(ioc.get_executor(), settings);
    ASSERT_FALSE(client);
    EXPECT_EQ(client.error().variable, "LLM_CA_FILE");
}

}  // namespace
}  // namespace qa::test
