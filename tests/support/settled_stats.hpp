#pragma once
// Reading a live mock's stats after the client is done with it. The server counts a response as
// finished (its status, fault, latency; in_flight back down) once its write has completed, which
// can be a moment after the client has read the answer. A test that asserts on those counts
// waits for them to settle first.

#include <chrono>
#include <thread>

#include "mock_llm/server.hpp"

namespace mock_llm::testing {

// Polls the server's stats until `done` holds or `limit` passes; returns the last snapshot.
template <class Predicate>
Stats wait_for_stats(const Server& server, Predicate done,
                     std::chrono::milliseconds limit = std::chrono::seconds(3)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    Stats stats = server.stats();
    while (!done(stats) && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        stats = server.stats();
    }
    return stats;
}

// The stats once every request the server read has been answered (or `limit` passed).
inline Stats settled_stats(const Server& server,
                           std::chrono::milliseconds limit = std::chrono::seconds(3)) {
    return wait_for_stats(
        server, [](const Stats& s) { return s.in_flight == 0; }, limit);
}

}  // namespace mock_llm::testing
