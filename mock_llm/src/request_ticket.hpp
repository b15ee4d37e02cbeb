#pragma once
// RequestTicket: one request from "fully read" to "answer written or connection gone": what the
// journal records about it and its place in the server behaviour. Lives in its session's frame
// (not movable: the behaviour's queue links to it); ServerState::finish() ends it exactly once.

#include <chrono>

#include "admission.hpp"
#include "mock_llm/journal.hpp"

namespace mock_llm {

struct RequestTicket {
    using Clock = std::chrono::steady_clock;

    RequestTicket() = default;
    RequestTicket(const RequestTicket&) = delete;
    RequestTicket& operator=(const RequestTicket&) = delete;

    Clock::time_point arrival{};
    JournalRecord record;  // filled as the request goes
    AdmissionTicket admission;
    bool data_plane = false;  // counted in the stats and the journal
    bool queued = false;      // waited in deepseek-legacy's queue
    bool finished = false;
};

}  // namespace mock_llm
