#include "server_state.hpp"

#include <nlohmann/json.hpp>

#include "mock_llm/hash.hpp"
#include "mock_llm/metrics.hpp"
#include "mock_llm/profile_json.hpp"

namespace mock_llm {

// The server's side of a chat decision: scripts and admission, for the ticket at hand.
class ServerState::Gate final : public ChatGate {
  public:
    Gate(ServerState& state, RequestTicket& ticket) : state_(state), ticket_(ticket) {}

    const FaultSpec* script_fault(const ChatCall& call) override {
        if (state_.scripts_.empty()) {
            return nullptr;
        }
        const auto since_epoch =
            std::chrono::duration_cast<std::chrono::microseconds>(ticket_.arrival - state_.epoch_);
        return state_.scripts_.decide(call.headers, since_epoch);
    }

    std::int64_t in_service() const override { return state_.admission_.in_service(); }

    std::optional<Decision> admit(const ChatRequest& request,
                                  std::size_t completion_tokens) override {
        auto refusal =
            state_.admission_.admit(ticket_.admission, request, completion_tokens, Clock::now());
        ticket_.queued = ticket_.admission.state == AdmissionTicket::State::queued;
        if (ticket_.queued) {
            state_.stats_.set_queue_depth(state_.admission_.queue_depth());
        }
        return refusal;
    }

  private:
    ServerState& state_;
    RequestTicket& ticket_;
};

ServerState::ServerState(ServerConfig config)
    : config_(std::move(config)),
      profile_(config_.profile),
      journal_(config_.journal_capacity),
      scripts_(profile_.scripts),
      admission_(profile_.behaviour, started_) {}

std::int64_t ServerState::micros_since_start(Clock::time_point t) const noexcept {
    return std::chrono::duration_cast<std::chrono::microseconds>(t - started_).count();
}

void ServerState::begin(RequestTicket& ticket, const Route& route, Clock::time_point arrival,
                        int retry_count) {
    ticket.arrival = arrival;
    ticket.data_plane = route.data_plane;
    if (!ticket.data_plane) {
        return;
    }
    stats_.on_request_read();
    ticket.record.seq = next_seq_++;
    ticket.record.endpoint = route.endpoint;
    ticket.record.arrival_us = micros_since_start(arrival);
    ticket.record.retry_count = retry_count;
}

void ServerState::finish(RequestTicket& ticket, int status, Clock::time_point end) {
    if (ticket.finished) {
        return;
    }
    ticket.finished = true;
    const bool was_queued = ticket.admission.state == AdmissionTicket::State::queued;
    admission_.release(ticket.admission, end);
    if (was_queued || ticket.queued) {
        stats_.set_queue_depth(admission_.queue_depth());
    }
    if (!ticket.data_plane) {
        return;
    }
    JournalRecord& record = ticket.record;
    // Service began at arrival, unless the request waited for a slot: then when it got one, or
    // never (start = end) if it left the queue without.
    const Clock::time_point start =
        !ticket.queued ? ticket.arrival : (was_queued ? end : ticket.admission.start);
    record.start_us = micros_since_start(start);
    record.end_us = micros_since_start(end);
    record.status = status;
    stats_.on_response_done(
        status, std::chrono::duration_cast<std::chrono::microseconds>(end - ticket.arrival),
        record.fault, record.fault_status);
    journal_.add(record);
}

Decision ServerState::handle(const Route& route, std::string_view method, std::string_view target,
                             std::string_view body, const RequestHeaders& headers,
                             RequestTicket& ticket) {
    Decision decision;
    switch (route.endpoint) {
        case Endpoint::chat_completions:
            decision = handle_chat(body, headers, ticket);
            break;
        case Endpoint::models:
            decision = decide_models(profile_, headers);
            break;
        case Endpoint::user_balance:
            decision = decide_balance(profile_, headers);
            break;
        case Endpoint::healthz:
            return healthz_ok();
        case Endpoint::metrics: {
            Decision metrics = json_ok(prometheus_text(stats_.snapshot()));
            metrics.content_type = kPrometheusContentType;
            return metrics;
        }
        case Endpoint::mock_stats:
            return json_ok(nlohmann::json(stats_.snapshot()).dump());
        case Endpoint::mock_reset:
            reset();
            return json_ok(R"({"reset":true})");
        case Endpoint::mock_journal:
            return json_ok(journal_json(journal_));
        case Endpoint::mock_profile:
            return json_ok(profile_json(profile_));
        case Endpoint::mock_profile_set:
            return handle_profile_change(body);
        case Endpoint::not_found:
        case Endpoint::method_not_allowed:
            decision = route_error(route, method, target);
            break;
    }
    ticket.record.fault = decision.fault;
    ticket.record.fault_status = decision.fault_status;
    ticket.record.fault_source = decision.fault_source;
    return decision;
}

Decision ServerState::handle_chat(std::string_view body, const RequestHeaders& headers,
                                  RequestTicket& ticket) {
    const std::uint64_t body_hash = hash_bytes(body);
    const std::uint64_t occurrence = occurrences_.next(body_hash);
    ticket.record.body_hash = body_hash;
    ticket.record.occurrence = occurrence;
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const ChatCall call{body, body_hash, occurrence,
                        std::chrono::duration_cast<std::chrono::seconds>(now).count(), headers};
    Gate gate(*this, ticket);
    Decision decision = decide_chat(profile_, call, request_parser_, &gate);
    admission_.add_rate_headers(decision, Clock::now());
    return decision;
}

Decision ServerState::handle_profile_change(std::string_view body) {
    auto profile = parse_profile(body);
    if (!profile) {
        const ProfileError& error = profile.error();
        // A document that is not JSON is malformed (400); JSON that is not a valid profile is
        // unprocessable (422), naming the field.
        const int status =
            error.field.empty() && error.reason.starts_with("invalid JSON") ? 400 : 422;
        return api_error(status, "Invalid profile: " + error.message(), error.field);
    }
    set_profile(std::move(profile).value());
    return json_ok(R"({"profile":)" + profile_json(profile_) + "}");
}

void ServerState::set_profile(Profile profile) {
    const auto now = Clock::now();
    profile_ = std::move(profile);
    scripts_ = ScriptBook(profile_.scripts);
    admission_.configure(profile_.behaviour, now);
    stats_.set_queue_depth(admission_.queue_depth());
    occurrences_.clear();
    epoch_ = now;
}

void ServerState::reset() {
    const auto now = Clock::now();
    occurrences_.clear();
    scripts_.clear_counts();
    admission_.refill(now);
    journal_.clear();
    stats_.reset();
    stats_.set_queue_depth(admission_.queue_depth());
    next_seq_ = 1;
    epoch_ = now;
}

}  // namespace mock_llm
