#pragma once
// AdmissionControl: the state behind the server behaviour: chat requests in service,
// deepseek-legacy's FIFO queue, openai-buckets' two buckets. Decides at once (admit, queue or
// refuse) and hands a freed slot to the first waiter. Not thread-safe: the server's io thread
// only. A ticket lives in its session's frame; release() must be called before it dies (the
// server's RequestTicket guard does).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "mock_llm/behaviour.hpp"
#include "mock_llm/chat_request.hpp"
#include "mock_llm/handler.hpp"
#include "mock_llm/token_bucket.hpp"

namespace mock_llm {

// One request's place in the behaviour. Not movable once admitted or queued (the queue links
// to it).
struct AdmissionTicket {
    using Clock = std::chrono::steady_clock;
    enum class State : std::uint8_t { none, in_service, queued };

    State state = State::none;
    Clock::time_point start{};  // when its service began (set on admission or on a grant)
    double refund_tokens = 0;   // openai-buckets: given back when it ends
    // Called on the io thread when a queued ticket gets its slot.
    void (*on_granted)(void* context) = nullptr;
    void* granted_context = nullptr;
    AdmissionTicket* prev = nullptr;
    AdmissionTicket* next = nullptr;
};

class AdmissionControl {
  public:
    using Clock = std::chrono::steady_clock;

    AdmissionControl(const BehaviourProfile& behaviour, Clock::time_point now);
    AdmissionControl(const AdmissionControl&) = delete;
    AdmissionControl& operator=(const AdmissionControl&) = delete;

    // A new behaviour: requests in service keep their slots, waiters stay in line (and get
    // slots now if the new behaviour has room), buckets start full at the new limits.
    void configure(const BehaviourProfile& behaviour, Clock::time_point now);
    // Buckets full again; slots and the queue are untouched (they belong to live requests).
    void refill(Clock::time_point now);

    std::int64_t in_service() const noexcept { return in_service_; }
    std::int64_t queue_depth() const noexcept { return queue_depth_; }

    // Admits the request (ticket in_service), queues it (ticket queued; deepseek-legacy past
    // capacity), or returns the 429 to send instead (ticket untouched).
    std::optional<Decision> admit(AdmissionTicket& ticket, const ChatRequest& request,
                                  std::size_t completion_tokens, Clock::time_point now);
    // Ends the ticket's part: frees its slot (granting it to the first waiter), refunds its
    // unused tokens, or leaves the queue. Idempotent.
    void release(AdmissionTicket& ticket, Clock::time_point now);

    // openai-buckets: the x-ratelimit-* headers of every chat answer; nothing otherwise.
    void add_rate_headers(Decision& decision, Clock::time_point now);

  private:
    std::optional<Decision> charge_buckets(AdmissionTicket& ticket, const ChatRequest& request,
                                           std::size_t completion_tokens, Clock::time_point now);
    void enter_service(AdmissionTicket& ticket, Clock::time_point now);
    // Grants slots to waiters while there is room (FIFO).
    void grant_waiters(Clock::time_point now);
    bool has_room() const noexcept;
    void unlink(AdmissionTicket& ticket) noexcept;

    BehaviourProfile behaviour_;
    std::int64_t in_service_ = 0;
    std::int64_t queue_depth_ = 0;
    AdmissionTicket* head_ = nullptr;  // the queue, oldest first
    AdmissionTicket* tail_ = nullptr;
    TokenBucket requests_;
    TokenBucket tokens_;
};

}  // namespace mock_llm
