#include "admission.hpp"

#include <algorithm>
#include <cmath>

#include "mock_llm/errors.hpp"
#include "mock_llm/json_text.hpp"

namespace mock_llm {

namespace {

using std::chrono::microseconds;

// A bucket holds the window's share of the per-minute limit (at least 1) and refills at the
// per-minute rate.
TokenBucket make_bucket(std::int64_t per_minute, std::chrono::milliseconds window,
                        std::chrono::steady_clock::time_point now) {
    const double limit = static_cast<double>(per_minute);
    const double capacity = std::max(1.0, limit * static_cast<double>(window.count()) / 60'000.0);
    return TokenBucket(capacity, limit / 60.0, now);
}

// OpenAI's 429 for a bucket that cannot pay: "Rate limit reached for MODEL in organization
// org-mock on requests per min (RPM): Limit 60, Used 60, Requested 1. Please try again in 1s."
Decision bucket_refusal(std::string_view model, std::string_view what, std::string_view type,
                        std::int64_t limit, double used, double requested,
                        microseconds retry_after) {
    std::string message = "Rate limit reached for " + std::string(model) +
                          " in organization org-mock on " + std::string(what) + ": Limit ";
    append_integer(message, limit);
    message += ", Used ";
    append_integer(message, std::llround(std::max(0.0, used)));
    message += ", Requested ";
    append_integer(message, std::llround(requested));
    message += ". Please try again in " + format_reset_duration(retry_after) + '.';
    Decision decision;
    decision.status = 429;
    decision.body = error_body(message, type, "rate_limit_exceeded");
    add_retry_hints(decision, retry_after);
    return decision;
}

}  // namespace

AdmissionControl::AdmissionControl(const BehaviourProfile& behaviour, Clock::time_point now) {
    configure(behaviour, now);
}

void AdmissionControl::configure(const BehaviourProfile& behaviour, Clock::time_point now) {
    behaviour_ = behaviour;
    refill(now);
    grant_waiters(now);
}

void AdmissionControl::refill(Clock::time_point now) {
    requests_ = make_bucket(behaviour_.requests_per_minute, behaviour_.window, now);
    tokens_ = make_bucket(behaviour_.tokens_per_minute, behaviour_.window, now);
}

bool AdmissionControl::has_room() const noexcept {
    switch (behaviour_.kind) {
        case BehaviourKind::deepseek_legacy:
        case BehaviourKind::deepseek_concurrency:
            return in_service_ < behaviour_.capacity;
        case BehaviourKind::unlimited:
        case BehaviourKind::openai_buckets:
            break;
    }
    return true;
}

void AdmissionControl::enter_service(AdmissionTicket& ticket, Clock::time_point now) {
    ticket.state = AdmissionTicket::State::in_service;
    ticket.start = now;
    ++in_service_;
}

std::optional<Decision> AdmissionControl::admit(AdmissionTicket& ticket, const ChatRequest& request,
                                                std::size_t completion_tokens,
                                                Clock::time_point now) {
    switch (behaviour_.kind) {
        case BehaviourKind::unlimited:
            break;
        case BehaviourKind::deepseek_legacy:
            if (!has_room() || head_ != nullptr) {
                // Behind the others: FIFO, even if a slot just freed before they woke.
                ticket.state = AdmissionTicket::State::queued;
                ticket.prev = tail_;
                ticket.next = nullptr;
                (tail_ != nullptr ? tail_->next : head_) = &ticket;
                tail_ = &ticket;
                ++queue_depth_;
                return std::nullopt;
            }
            break;
        case BehaviourKind::deepseek_concurrency:
            if (!has_room()) {
                Decision refusal = api_error(429);  // DeepSeek's body, no rate headers
                refusal.fault = FaultKind::over_capacity;
                refusal.fault_source = FaultSource::behaviour;
                return refusal;
            }
            break;
        case BehaviourKind::openai_buckets:
            if (auto refusal = charge_buckets(ticket, request, completion_tokens, now)) {
                return refusal;
            }
            break;
    }
    enter_service(ticket, now);
    return std::nullopt;
}

std::optional<Decision> AdmissionControl::charge_buckets(AdmissionTicket& ticket,
                                                         const ChatRequest& request,
                                                         std::size_t completion_tokens,
                                                         Clock::time_point now) {
    requests_.refill(now);
    tokens_.refill(now);
    const double budget = static_cast<double>(
        request.max_tokens != 0 ? request.max_tokens
                                : static_cast<std::uint64_t>(behaviour_.default_max_tokens));
    const double cost = static_cast<double>(request.prompt_tokens) + budget;
    const bool requests_short = requests_.level() < 1.0;
    const bool tokens_short = tokens_.level() < cost;
    if (requests_short || tokens_short) {
        // A refused request still counts toward the limit, as OpenAI's do; the token bucket
        // is not charged, since nothing was generated.
        const microseconds retry_after =
            std::max(requests_.time_until(1.0),
                     tokens_short ? tokens_.time_until(std::min(cost, tokens_.capacity()))
                                  : microseconds(0));
        Decision refusal =
            requests_short
                ? bucket_refusal(request.model, "requests per min (RPM)", "requests",
                                 behaviour_.requests_per_minute,
                                 requests_.capacity() - requests_.level(), 1.0, retry_after)
                : bucket_refusal(request.model, "tokens per min (TPM)", "tokens",
                                 behaviour_.tokens_per_minute, tokens_.capacity() - tokens_.level(),
                                 cost, retry_after);
        requests_.take(1.0);
        refusal.fault = FaultKind::rate_limited;
        refusal.fault_source = FaultSource::behaviour;
        return refusal;
    }
    requests_.take(1.0);
    tokens_.take(cost);
    // Charged the budget; what the answer does not use comes back when it ends.
    const double used = static_cast<double>(request.prompt_tokens + completion_tokens);
    ticket.refund_tokens = std::max(0.0, cost - used);
    return std::nullopt;
}

void AdmissionControl::unlink(AdmissionTicket& ticket) noexcept {
    (ticket.prev != nullptr ? ticket.prev->next : head_) = ticket.next;
    (ticket.next != nullptr ? ticket.next->prev : tail_) = ticket.prev;
    ticket.prev = ticket.next = nullptr;
    --queue_depth_;
}

void AdmissionControl::grant_waiters(Clock::time_point now) {
    while (head_ != nullptr && has_room()) {
        AdmissionTicket& waiter = *head_;
        unlink(waiter);
        enter_service(waiter, now);
        if (waiter.on_granted != nullptr) {
            waiter.on_granted(waiter.granted_context);
        }
    }
}

void AdmissionControl::release(AdmissionTicket& ticket, Clock::time_point now) {
    switch (ticket.state) {
        case AdmissionTicket::State::none:
            return;
        case AdmissionTicket::State::queued:
            unlink(ticket);
            break;
        case AdmissionTicket::State::in_service:
            --in_service_;
            if (ticket.refund_tokens > 0) {
                tokens_.refill(now);
                tokens_.give(ticket.refund_tokens);
            }
            break;
    }
    ticket.state = AdmissionTicket::State::none;
    grant_waiters(now);
}

void AdmissionControl::add_rate_headers(Decision& decision, Clock::time_point now) {
    if (behaviour_.kind != BehaviourKind::openai_buckets) {
        return;
    }
    requests_.refill(now);
    tokens_.refill(now);
    const auto whole = [](double level) {
        std::string out;
        append_integer(out, static_cast<std::int64_t>(std::floor(std::max(0.0, level))));
        return out;
    };
    decision.headers.push_back(
        {"x-ratelimit-limit-requests", std::to_string(behaviour_.requests_per_minute)});
    decision.headers.push_back(
        {"x-ratelimit-limit-tokens", std::to_string(behaviour_.tokens_per_minute)});
    decision.headers.push_back({"x-ratelimit-remaining-requests", whole(requests_.level())});
    decision.headers.push_back({"x-ratelimit-remaining-tokens", whole(tokens_.level())});
    decision.headers.push_back(
        {"x-ratelimit-reset-requests", format_reset_duration(requests_.time_until_full())});
    decision.headers.push_back(
        {"x-ratelimit-reset-tokens", format_reset_duration(tokens_.time_until_full())});
}

}  // namespace mock_llm
