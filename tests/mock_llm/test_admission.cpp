// AdmissionControl without sockets: deepseek-legacy's FIFO queue and its grants, the
// deepseek-concurrency cap and its 429, openai-buckets' charges, refunds, refusals that still
// count, and the x-ratelimit-* headers.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "admission.hpp"

namespace mock_llm {
namespace {

using namespace std::chrono_literals;
using Clock = AdmissionControl::Clock;
using State = AdmissionTicket::State;

const Clock::time_point kEpoch = Clock::time_point{} + 1h;

ChatRequest request_of(std::size_t prompt_tokens, std::uint64_t max_tokens = 0) {
    ChatRequest request;
    request.model = "deepseek-chat";
    request.prompt_tokens = prompt_tokens;
    request.max_tokens = max_tokens;
    return request;
}

std::string header(const Decision& d, std::string_view name) {
    for (const Header& h : d.headers) {
        if (h.name == name) {
            return h.value;
        }
    }
    return "(absent)";
}

TEST(Admission, UnlimitedAdmitsEveryoneAndCountsThem) {
    AdmissionControl control(BehaviourProfile{}, kEpoch);
    std::vector<AdmissionTicket> tickets(50);
    for (auto& ticket : tickets) {
        EXPECT_FALSE(control.admit(ticket, request_of(10), 5, kEpoch));
        EXPECT_EQ(ticket.state, State::in_service);
    }
    EXPECT_EQ(control.in_service(), 50);
    for (auto& ticket : tickets) {
        control.release(ticket, kEpoch);
        control.release(ticket, kEpoch);  // idempotent
    }
    EXPECT_EQ(control.in_service(), 0);
}

TEST(Admission, LegacyQueuesPastCapacityAndGrantsInArrivalOrder) {
    BehaviourProfile legacy{.kind = BehaviourKind::deepseek_legacy, .capacity = 2};
    AdmissionControl control(legacy, kEpoch);
    AdmissionTicket a, b, c, d, e;
    std::vector<char> granted;
    const auto note = [](void* context) {
        auto* pair = static_cast<std::pair<std::vector<char>*, char>*>(context);
        pair->first->push_back(pair->second);
    };
    std::pair<std::vector<char>*, char> c_ctx{&granted, 'c'}, d_ctx{&granted, 'd'},
        e_ctx{&granted, 'e'};
    for (auto [ticket, ctx] :
         {std::pair{&c, &c_ctx}, std::pair{&d, &d_ctx}, std::pair{&e, &e_ctx}}) {
        ticket->on_granted = note;
        ticket->granted_context = ctx;
    }
    for (AdmissionTicket* ticket : {&a, &b, &c, &d, &e}) {
        EXPECT_FALSE(control.admit(*ticket, request_of(1), 1, kEpoch)) << "never a 429";
    }
    EXPECT_EQ(a.state, State::in_service);
    EXPECT_EQ(b.state, State::in_service);
    EXPECT_EQ(c.state, State::queued);
    EXPECT_EQ(control.queue_depth(), 3);
    control.release(d, kEpoch + 1s);  // d gives up waiting
    EXPECT_EQ(control.queue_depth(), 2);
    control.release(a, kEpoch + 2s);
    EXPECT_EQ(granted, std::vector<char>{'c'});
    EXPECT_EQ(c.state, State::in_service);
    EXPECT_EQ(c.start, kEpoch + 2s);
    control.release(b, kEpoch + 3s);
    EXPECT_EQ(granted, (std::vector<char>{'c', 'e'}));
    EXPECT_EQ(control.queue_depth(), 0);
    EXPECT_EQ(control.in_service(), 2);
    control.release(c, kEpoch + 4s);
    control.release(e, kEpoch + 4s);
    EXPECT_EQ(control.in_service(), 0);
}

TEST(Admission, RaisingTheCapacityGrantsWaitersAtOnce) {
    BehaviourProfile legacy{.kind = BehaviourKind::deepseek_legacy, .capacity = 1};
    AdmissionControl control(legacy, kEpoch);
    AdmissionTicket a, b;
    EXPECT_FALSE(control.admit(a, request_of(1), 1, kEpoch));
    EXPECT_FALSE(control.admit(b, request_of(1), 1, kEpoch));
    ASSERT_EQ(b.state, State::queued);
    control.configure(BehaviourProfile{}, kEpoch + 1s);  // unlimited now
    EXPECT_EQ(b.state, State::in_service);
    EXPECT_EQ(control.queue_depth(), 0);
    control.release(a, kEpoch);
    control.release(b, kEpoch);
}

TEST(Admission, ConcurrencyCapRefusesWithDeepSeeksBodyAndNoRateHeaders) {
    BehaviourProfile cap{.kind = BehaviourKind::deepseek_concurrency, .capacity = 2};
    AdmissionControl control(cap, kEpoch);
    AdmissionTicket a, b, c;
    EXPECT_FALSE(control.admit(a, request_of(1), 1, kEpoch));
    EXPECT_FALSE(control.admit(b, request_of(1), 1, kEpoch));
    const auto refusal = control.admit(c, request_of(1), 1, kEpoch);
    ASSERT_TRUE(refusal);
    EXPECT_EQ(refusal->status, 429);
    EXPECT_TRUE(refusal->headers.empty());
    EXPECT_EQ(refusal->fault, FaultKind::over_capacity);
    EXPECT_EQ(nlohmann::json::parse(refusal->body)["error"]["message"], "Rate Limit Reached");
    EXPECT_EQ(c.state, State::none);
    control.release(c, kEpoch);  // a refused ticket holds nothing
    control.release(a, kEpoch);
    EXPECT_FALSE(control.admit(c, request_of(1), 1, kEpoch)) << "a freed slot is taken at once";
    control.release(b, kEpoch);
    control.release(c, kEpoch);
}

BehaviourProfile buckets(std::int64_t rpm, std::int64_t tpm) {
    return {.kind = BehaviourKind::openai_buckets,
            .requests_per_minute = rpm,
            .tokens_per_minute = tpm,
            .default_max_tokens = 100};
}

TEST(Admission, BucketsChargeBudgetUpFrontAndRefundTheUnusedPart) {
    AdmissionControl control(buckets(60, 1000), kEpoch);
    AdmissionTicket a;
    // 50 prompt + 100 default budget charged; the answer uses 50 + 30.
    EXPECT_FALSE(control.admit(a, request_of(50), 30, kEpoch));
    Decision during;
    control.add_rate_headers(during, kEpoch);
    EXPECT_EQ(header(during, "x-ratelimit-remaining-requests"), "59");
    EXPECT_EQ(header(during, "x-ratelimit-remaining-tokens"), "850");
    control.release(a, kEpoch);
    Decision after;
    control.add_rate_headers(after, kEpoch);
    EXPECT_EQ(header(after, "x-ratelimit-remaining-tokens"), "920");
    EXPECT_EQ(header(after, "x-ratelimit-limit-requests"), "60");
    EXPECT_EQ(header(after, "x-ratelimit-limit-tokens"), "1000");
    EXPECT_EQ(header(after, "x-ratelimit-reset-requests"), "1s");  // 1 request at 1/s
    EXPECT_EQ(header(after, "x-ratelimit-reset-tokens"), "4.8s");  // 80 tokens at 1000/min
}

TEST(Admission, EmptyRequestBucketRefusesWithRetryHintsAndRefusalsCount) {
    AdmissionControl control(buckets(2, 100'000), kEpoch);  // 2 per minute: one per 30 s
    AdmissionTicket a, b, c;
    EXPECT_FALSE(control.admit(a, request_of(1, 10), 1, kEpoch));
    EXPECT_FALSE(control.admit(b, request_of(1, 10), 1, kEpoch));
    const auto first = control.admit(c, request_of(1, 10), 1, kEpoch);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->status, 429);
    EXPECT_EQ(first->fault, FaultKind::rate_limited);
    EXPECT_EQ(header(*first, "retry-after-ms"), "30000");
    EXPECT_EQ(header(*first, "Retry-After"), "30");
    const auto body = nlohmann::json::parse(first->body)["error"];
    EXPECT_EQ(body["code"], "rate_limit_exceeded");
    EXPECT_EQ(body["type"], "requests");
    EXPECT_EQ(body["message"],
              "Rate limit reached for deepseek-chat in organization org-mock on requests per min "
              "(RPM): Limit 2, Used 2, Requested 1. Please try again in 30s.");
    // The refusal cost a request: the next one must wait longer.
    const auto second = control.admit(c, request_of(1, 10), 1, kEpoch);
    ASSERT_TRUE(second);
    EXPECT_EQ(header(*second, "retry-after-ms"), "60000");
    // After enough time, admitted again.
    EXPECT_FALSE(control.admit(c, request_of(1, 10), 1, kEpoch + 90s));
    for (AdmissionTicket* ticket : {&a, &b, &c}) {
        control.release(*ticket, kEpoch + 90s);
    }
}

TEST(Admission, ShortTokenBucketRefusesNamingTokens) {
    AdmissionControl control(buckets(1000, 600), kEpoch);  // 10 tokens per second
    AdmissionTicket a, b;
    EXPECT_FALSE(control.admit(a, request_of(100, 400), 400, kEpoch));  // 500 of 600
    const auto refusal = control.admit(b, request_of(100, 100), 50, kEpoch);
    ASSERT_TRUE(refusal);
    EXPECT_EQ(nlohmann::json::parse(refusal->body)["error"]["type"], "tokens");
    // 100 short at 10 per second.
    EXPECT_EQ(header(*refusal, "retry-after-ms"), "10000");
    control.release(a, kEpoch);
}

TEST(Admission, ShortWindowLimitsBursts) {
    BehaviourProfile short_window = buckets(600, 100'000);
    short_window.window = 1s;  // 600/min, at most 10 at once
    AdmissionControl control(short_window, kEpoch);
    std::vector<AdmissionTicket> tickets(11);
    for (std::size_t i = 0; i < 10; ++i) {
        EXPECT_FALSE(control.admit(tickets[i], request_of(1, 1), 1, kEpoch));
    }
    EXPECT_TRUE(control.admit(tickets[10], request_of(1, 1), 1, kEpoch));
    for (auto& ticket : tickets) {
        control.release(ticket, kEpoch);
    }
}

TEST(Admission, OnlyBucketsSendRateHeaders) {
    AdmissionControl control(BehaviourProfile{}, kEpoch);
    Decision d;
    control.add_rate_headers(d, kEpoch);
    EXPECT_TRUE(d.headers.empty());
}

}  // namespace
}  // namespace mock_llm
