#pragma once
// The request journal: one record per finished data-plane request, kept in a bounded ring
// (newest replaces oldest), and its JSON form (GET /_mock/journal). JournalRecord is a plain
// value type; Journal is not thread-safe (the server's io thread only).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "mock_llm/fault.hpp"
#include "mock_llm/route.hpp"

namespace mock_llm {

struct JournalRecord {
    // Arrival order among data-plane requests since start or reset, from 1.
    std::uint64_t seq = 0;
    Endpoint endpoint = Endpoint::not_found;
    // Microseconds since the server started (steady clock): when the request reached the host,
    // when its service began (later than arrival only for a request that waited in a queue), and
    // when its answer was written or its connection went.
    std::int64_t arrival_us = 0;
    std::int64_t start_us = 0;
    std::int64_t end_us = 0;
    int status = 0;  // as Stats::by_status counts it (499, 444 included)
    FaultKind fault = FaultKind::none;
    int fault_status = 0;  // fault == status
    FaultSource fault_source = FaultSource::none;
    // The client's x-stainless-retry-count header (the OpenAI SDKs' attempt number, 0 first);
    // -1 when absent or not a number.
    int retry_count = -1;
    // Chat completions: hash_bytes of the body and how many earlier requests had it, the inputs of
    // every seeded decision; 0 otherwise.
    std::uint64_t body_hash = 0;
    std::uint64_t occurrence = 0;

    friend bool operator==(const JournalRecord&, const JournalRecord&) = default;
};

class Journal {
  public:
    // capacity 0 keeps nothing.
    explicit Journal(std::size_t capacity) : ring_(capacity) {}

    void add(const JournalRecord& record) noexcept;
    void clear() noexcept;

    std::size_t capacity() const noexcept { return ring_.size(); }
    // Records overwritten since start or clear().
    std::uint64_t dropped() const noexcept { return dropped_; }
    // Oldest first.
    std::vector<JournalRecord> records() const;

  private:
    std::vector<JournalRecord> ring_;  // allocated once: adding never allocates
    std::size_t next_ = 0;
    std::size_t size_ = 0;
    std::uint64_t dropped_ = 0;
};

// {"capacity": N, "dropped": K, "records": [{"seq", "endpoint", "arrival_us", "start_us",
// "end_us", "status", "fault" (label or null), "fault_source" (or null), "retry_count" (or null),
// "body_hash" (16 hex digits), "occurrence"}, ...]}
std::string journal_json(const Journal& journal);

}  // namespace mock_llm
