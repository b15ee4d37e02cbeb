#pragma once
// Request handling as plain functions: what to answer (status, delay, body, headers, how to
// deliver it) given the request and the profile. The session coroutine does the I/O. Pure; the
// server's state (scripts, behaviour) comes in through a ChatGate.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mock_llm/chaos.hpp"
#include "mock_llm/chat_request.hpp"
#include "mock_llm/fault.hpp"
#include "mock_llm/profile.hpp"
#include "mock_llm/request_headers.hpp"
#include "mock_llm/route.hpp"
#include "mock_llm/server_config.hpp"

namespace mock_llm {

struct Header {
    std::string_view name;  // always a string literal
    std::string value;
};

// How the answer goes out (the delivery faults).
enum class Delivery : std::uint8_t {
    normal,    // the whole answer
    hang,      // nothing, until the client leaves or the server stops
    reset,     // an RST at once (SO_LINGER 0), no answer
    truncate,  // the head announces the whole body; half of the body is sent, then a close
    drip,      // the whole answer, Decision::drip.bytes every Decision::drip.interval
};

struct Decision {
    int status = 200;
    std::chrono::microseconds delay{0};  // wait this long before writing the answer
    // JSON; or, for a streamed answer, the server-sent events back to back.
    std::string body;
    // Streamed answer only: where each event of `body` ends. Sent as one HTTP chunk each.
    std::vector<std::size_t> event_ends;
    // Streamed answer only: the pause before each of events 1..paced_events; 0 = none. (Time to
    // first token is `delay`.) Later events follow the last paced one at once.
    std::chrono::microseconds event_interval{0};
    std::size_t paced_events = std::numeric_limits<std::size_t>::max();
    std::vector<Header> headers;  // beyond Content-Type, framing, Cache-Control, Connection
    // A non-streamed answer's Content-Type; always a string literal.
    std::string_view content_type = "application/json";
    bool close = false;    // close the connection after the answer
    bool chunked = false;  // a non-streamed answer sent in chunked coding (a held answer)
    Delivery delivery = Delivery::normal;
    DripPace drip;  // Delivery::drip only
    // The fault applied, for the stats and the journal.
    FaultKind fault = FaultKind::none;
    int fault_status = 0;
    FaultSource fault_source = FaultSource::none;

    bool streaming() const noexcept { return !event_ends.empty(); }
};

struct ChatCall {
    std::string_view body;
    std::uint64_t body_hash = 0;   // hash_bytes(body)
    std::uint64_t occurrence = 0;  // earlier requests with the same body since start or reset
    std::int64_t created_unix = 0;
    RequestHeaders headers;
};

// The stateful stages of a chat completion, between validation and the answer: scripts and the
// server behaviour. The server provides them; decide_chat without a gate has neither.
class ChatGate {
  public:
    // The fault of the first script that fires for this request, or nullptr. Counts the request.
    virtual const FaultSpec* script_fault(const ChatCall& call) = 0;
    // Chat requests in service now, not counting this one (the load factor's input).
    virtual std::int64_t in_service() const = 0;
    // Admits a request that will be answered with `completion_tokens` of content, or returns
    // the refusal to send instead (a behaviour's 429).
    virtual std::optional<Decision> admit(const ChatRequest& request,
                                          std::size_t completion_tokens) = 0;

  protected:
    ~ChatGate() = default;
};

// In order: 400 for a malformed x-mock-* header; the x-mock-fault error (at once); validation
// (400/422); a script's fault, else the seeded chaos layer's; a status fault or a reset at once;
// else admission by the gate (its refusal at once); else 200 after the latency, as JSON or as
// events when the request says "stream", delivered as the fault (if any) says. x-mock-delay-ms
// adds to the delay of any of these but the first. `parser` only lends its buffers (one per
// server thread).
Decision decide_chat(const Profile& profile, const ChatCall& call, ChatRequestParser& parser,
                     ChatGate* gate = nullptr);
Decision decide_chat(const ServerConfig& config, const ChatCall& call, ChatRequestParser& parser);
Decision decide_chat(const ServerConfig& config, const ChatCall& call);

// GET /models and GET /user/balance, under the same x-mock-* headers.
Decision decide_models(const Profile& profile, const RequestHeaders& headers);
Decision decide_balance(const Profile& profile, const RequestHeaders& headers);

// The error catalogue's answer for `status`, which must be in it; `message` replaces the
// catalogue's when not empty; `param` names the offending field (empty: null).
Decision api_error(int status, std::string_view message = {}, std::string_view param = {});

// 404 or 405 for a route that is neither.
Decision route_error(const Route& route, std::string_view method, std::string_view target);

Decision healthz_ok();
Decision json_ok(std::string body);

// Answers to requests that could not be read as HTTP; all close the connection.
Decision malformed_request(std::string_view reason);  // 400
Decision body_too_large(std::size_t max_body_bytes);  // 413
Decision header_too_large();                          // 431

// Milliseconds with up to 3 decimals and no trailing zeros: 12500 us -> "12.5".
std::string format_millis(std::chrono::microseconds duration);
// Whole seconds rounded up: 12500 us -> "1", 0 -> "0".
std::string format_ceil_seconds(std::chrono::microseconds duration);

// OpenAI's two retry hints: retry-after-ms (fractional) and Retry-After (whole seconds).
void add_retry_hints(Decision& decision, std::chrono::microseconds retry_after);

}  // namespace mock_llm
