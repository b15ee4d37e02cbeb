#pragma once
// ServerState: what request handling acts on: the config, the live profile, the counters, the
// journal, how often each body has been seen, the scripts' counts and the behaviour's state.
// Everything but the stats recorder belongs to the server's io thread (no locks); the recorder
// may be snapshotted from any thread.

#include <chrono>
#include <cstdint>
#include <string_view>

#include "admission.hpp"
#include "mock_llm/handler.hpp"
#include "mock_llm/journal.hpp"
#include "mock_llm/profile.hpp"
#include "mock_llm/route.hpp"
#include "mock_llm/script.hpp"
#include "mock_llm/server_config.hpp"
#include "occurrence_counter.hpp"
#include "request_ticket.hpp"
#include "stats_recorder.hpp"

namespace mock_llm {

class ServerState {
  public:
    using Clock = std::chrono::steady_clock;

    explicit ServerState(ServerConfig config);

    const ServerConfig& config() const noexcept { return config_; }
    const Profile& profile() const noexcept { return profile_; }
    StatsRecorder& stats() noexcept { return stats_; }
    const StatsRecorder& stats() const noexcept { return stats_; }
    const Journal& journal() const noexcept { return journal_; }

    // Starts a ticket for a request read at `arrival`; data-plane requests are counted from now.
    // retry_count: the x-stainless-retry-count header, -1 when absent.
    void begin(RequestTicket& ticket, const Route& route, Clock::time_point arrival,
               int retry_count);
    // The answer to one fully read request. A chat request may leave its ticket queued.
    Decision handle(const Route& route, std::string_view method, std::string_view target,
                    std::string_view body, const RequestHeaders& headers, RequestTicket& ticket);
    // Ends the ticket: frees its slot, counts it, journals it. Idempotent.
    void finish(RequestTicket& ticket, int status, Clock::time_point end);

    // Zeroes the counters and the journal, forgets the per-body occurrences and the scripts'
    // counts, refills the buckets and restarts the scripts' clock.
    void reset();
    // Replaces the profile; starts its scripts, occurrences, buckets and clock afresh (requests
    // in service keep their slots). The profile must be valid.
    void set_profile(Profile profile);

  private:
    class Gate;

    Decision handle_chat(std::string_view body, const RequestHeaders& headers,
                         RequestTicket& ticket);
    Decision handle_profile_change(std::string_view body);
    std::int64_t micros_since_start(Clock::time_point t) const noexcept;

    ServerConfig config_;
    Profile profile_;
    StatsRecorder stats_;
    Journal journal_;
    const Clock::time_point started_ = Clock::now();
    Clock::time_point epoch_ = started_;  // the scripts' t = 0
    std::uint64_t next_seq_ = 1;
    // hash_bytes(body) -> how many chat requests with that body were decided so far (recent ones).
    OccurrenceCounter occurrences_;
    ChatRequestParser request_parser_;  // reused across requests
    ScriptBook scripts_;
    AdmissionControl admission_;
};

}  // namespace mock_llm
