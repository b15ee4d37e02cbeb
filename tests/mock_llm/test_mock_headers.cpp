// Strict parsing of the per-request test headers x-mock-fault and x-mock-delay-ms, and the 400
// a malformed one gets.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "mock_llm/handler.hpp"
#include "mock_llm/hash.hpp"
#include "mock_llm/mock_headers.hpp"

namespace mock_llm {
namespace {

using std::chrono::milliseconds;

TEST(FaultHeader, AcceptsStatusAndRetryAfterInAnyOrder) {
    const auto plain = parse_fault_header("status=503");
    ASSERT_TRUE(plain) << plain.error();
    EXPECT_EQ(plain->status, 503);
    EXPECT_FALSE(plain->retry_after);

    for (std::string_view value : {"status=429;retry_after_ms=200", "retry_after_ms=200;status=429",
                                   " status = 429 ; retry_after_ms = 200 "}) {
        const auto both = parse_fault_header(value);
        ASSERT_TRUE(both) << value << ": " << both.error();
        EXPECT_EQ(both->status, 429);
        EXPECT_EQ(both->retry_after, milliseconds(200));
    }
    EXPECT_EQ(parse_fault_header("status=401;retry_after_ms=0")->retry_after, milliseconds(0));
    EXPECT_EQ(parse_fault_header("status=429;retry_after_ms=3600000")->retry_after,
              milliseconds(3'600'000));
}

struct BadHeaderCase {
    std::string_view value;
    std::string_view error;  // exact, or a prefix when it ends with "..."
};

const BadHeaderCase kBadFaults[] = {
    {"", R"(expected key=value, got "")"},
    {"429", R"(expected key=value, got "429")"},
    {"status=", R"(status must be a whole number, got "")"},
    {"status=abc", R"(status must be a whole number, got "abc")"},
    {"status=+429", R"(status must be a whole number, got "+429")"},
    {"status=-1", R"(status must be a whole number, got "-1")"},
    {"status=429.5", R"(status must be a whole number, got "429.5")"},
    {"status=200", "status must be one of 400, 401, 402, ..."},
    {"status=418", "status must be one of ..."},
    {"status=99999999999999999999", "status must be at most 999, got ..."},
    {"status=429;", R"(expected key=value, got "")"},
    {"status=429;;retry_after_ms=1", R"(expected key=value, got "")"},
    {"status=429,retry_after_ms=1", R"(status must be a whole number, got "429,retry_after_ms=1")"},
    {"status=429;status=500", "status given twice"},
    {"status=429;retry_after_ms=1;retry_after_ms=2", "retry_after_ms given twice"},
    {"status=429;retry_after_ms=1.5", R"(retry_after_ms must be a whole number, got "1.5")"},
    {"status=429;retry_after_ms=3600001",
     R"(retry_after_ms must be at most 3600000, got "3600001")"},
    {"retry_after_ms=5", "status is required"},
    {"status=429;delay=5", R"(unknown key "delay"; known keys: status, retry_after_ms)"},
    {"STATUS=429", R"(unknown key "STATUS"; known keys: status, retry_after_ms)"},
};

void expect_error(const std::string& actual, std::string_view expected) {
    if (expected.ends_with("...")) {
        EXPECT_TRUE(actual.starts_with(expected.substr(0, expected.size() - 3))) << actual;
    } else {
        EXPECT_EQ(actual, expected);
    }
}

TEST(FaultHeader, RejectsWithTheReason) {
    for (const BadHeaderCase& c : kBadFaults) {
        SCOPED_TRACE(std::string(c.value));
        const auto parsed = parse_fault_header(c.value);
        ASSERT_FALSE(parsed);
        expect_error(parsed.error(), c.error);
    }
}

TEST(DelayHeader, WholeMillisecondsUpToAnHour) {
    EXPECT_EQ(*parse_delay_header("0"), milliseconds(0));
    EXPECT_EQ(*parse_delay_header("300"), milliseconds(300));
    EXPECT_EQ(*parse_delay_header("3600000"), milliseconds(3'600'000));
    const BadHeaderCase bad[] = {
        {"", R"(the value must be a whole number, got "")"},
        {"-5", R"(the value must be a whole number, got "-5")"},
        {"1.5", R"(the value must be a whole number, got "1.5")"},
        {"10ms", R"(the value must be a whole number, got "10ms")"},
        {"3600001", R"(the value must be at most 3600000, got "3600001")"},
        {"99999999999999999999999", "the value must be at most 3600000, got ..."},
    };
    for (const BadHeaderCase& c : bad) {
        SCOPED_TRACE(std::string(c.value));
        const auto parsed = parse_delay_header(c.value);
        ASSERT_FALSE(parsed);
        expect_error(parsed.error(), c.error);
    }
}

// Designated initializers would do, but GCC 12 warns about the members they leave out.
RequestHeaders headers(std::optional<std::string_view> fault,
                       std::optional<std::string_view> delay = std::nullopt,
                       std::string_view authorization = {}) {
    RequestHeaders result;
    result.mock_fault = fault;
    result.mock_delay_ms = delay;
    result.authorization = authorization;
    return result;
}

const std::string kValidChatBody = R"({"messages":[{"role":"user","content":"review this"}]})";

Decision decide_with(RequestHeaders request_headers, ServerConfig config = {}) {
    return decide_chat(config, ChatCall{kValidChatBody, hash_bytes(kValidChatBody), 0, 1700000000,
                                        request_headers});
}

TEST(MockHeaders, MalformedHeaderIs400NamingTheHeaderAndTheReason) {
    const Decision fault = decide_with(headers("status=200"));
    EXPECT_EQ(fault.status, 400);
    const auto error = nlohmann::json::parse(fault.body)["error"];
    EXPECT_TRUE(error["message"].get<std::string>().starts_with(
        R"(Invalid x-mock-fault header "status=200": status must be one of 400,)"))
        << error["message"];
    EXPECT_EQ(error["param"], "x-mock-fault");
    EXPECT_EQ(error["type"], "invalid_request_error");

    const Decision delay = decide_with(headers(std::nullopt, "soon"));
    EXPECT_EQ(delay.status, 400);
    EXPECT_EQ(delay.delay.count(), 0);
    EXPECT_EQ(
        nlohmann::json::parse(delay.body)["error"]["message"],
        R"(Invalid x-mock-delay-ms header "soon": the value must be a whole number, got "soon")");
}

TEST(MockHeaders, FaultComesFirstAndAtOnce) {
    ServerConfig slow;
    slow.profile.latency = LatencyModel::fixed(std::chrono::seconds(3));
    const Decision d = decide_chat(slow, ChatCall{"{not json", 1, 0, 0, headers("status=402")});
    EXPECT_EQ(d.status, 402);
    EXPECT_EQ(d.delay.count(), 0);
    EXPECT_EQ(nlohmann::json::parse(d.body)["error"]["message"], "Insufficient Balance");
}

TEST(MockHeaders, RetryHintsOnAFault) {
    ServerConfig config;
    config.profile.retry_after = std::chrono::milliseconds(1500);
    const Decision given = decide_with(headers("status=429;retry_after_ms=200"), config);
    ASSERT_EQ(given.headers.size(), 2u);
    EXPECT_EQ(given.headers[0].value, "200");
    EXPECT_EQ(given.headers[1].value, "1");
    // A 429 without retry_after_ms gets the configured hint, as a seeded 429 does.
    const Decision configured = decide_with(headers("status=429"), config);
    ASSERT_EQ(configured.headers.size(), 2u);
    EXPECT_EQ(configured.headers[0].value, "1500");
    EXPECT_EQ(configured.headers[1].value, "2");
    EXPECT_TRUE(decide_with(headers("status=503")).headers.empty());
    EXPECT_EQ(decide_with(headers("status=503;retry_after_ms=2500")).headers[1].value, "3");
}

TEST(MockHeaders, UnauthorizedEchoesTheKeyTail) {
    const Decision d = decide_with(headers("status=401", std::nullopt, "Bearer sk-abcd"));
    EXPECT_EQ(d.status, 401);
    EXPECT_EQ(nlohmann::json::parse(d.body)["error"]["message"],
              "Authentication Fails, Your api key: ****abcd is invalid");
}

TEST(MockHeaders, DelayAddsToWhicheverAnswer) {
    ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(std::chrono::milliseconds(250));
    EXPECT_EQ(decide_with(headers(std::nullopt, "300"), config).delay, milliseconds(550));
    const Decision fault = decide_with(headers("status=500", "300"), config);
    EXPECT_EQ(fault.status, 500);
    EXPECT_EQ(fault.delay, milliseconds(300));
    const Decision invalid =
        decide_chat(config, ChatCall{"{}", hash_bytes("{}"), 0, 0, headers(std::nullopt, "40")});
    EXPECT_EQ(invalid.status, 422);
    EXPECT_EQ(invalid.delay, milliseconds(40));
}

TEST(MockHeaders, ModelsAndBalanceHonourThemToo) {
    EXPECT_EQ(decide_models({}, headers("status=401")).status, 401);
    EXPECT_EQ(decide_balance({}, headers("status=503")).status, 503);
    EXPECT_EQ(decide_models({}, headers(std::nullopt, "x")).status, 400);
    EXPECT_EQ(decide_balance({}, headers(std::nullopt, "7")).delay, milliseconds(7));
}

}  // namespace
}  // namespace mock_llm
