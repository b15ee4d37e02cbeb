#pragma once
// Scripted faults: rules such as "the first 2 requests 429, then 200", "from t=10 s to t=20 s
// every request 503" or "every 7th request hangs", counted globally or per key (a request header
// such as x-mock-key, or the API key). ScriptRule is a plain value type; ScriptBook holds the
// counters (not thread-safe: the server's io thread only).
//
// Determinism: a rule fires on the n-th request of its key, in arrival order. One client that
// sends its key's requests one after another (a call and its retries) always meets the same
// faults; requests of one key sent in parallel race for the sequence numbers, so the number of
// faults is fixed but not which request gets them.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "mock_llm/fault.hpp"
#include "mock_llm/request_headers.hpp"

namespace mock_llm {

enum class ScriptScope : std::uint8_t {
    global,   // one count over all chat requests
    api_key,  // one count per API key (Authorization: Bearer KEY); requests without one: none
    header,   // one count per value of a request header; requests without it: none
};

struct ScriptRule {
    ScriptScope scope = ScriptScope::global;
    std::string header;  // scope header: the field's name, lowercase
    // Conditions, all of which must hold (at least one is set):
    std::uint64_t first = 0;  // the key's requests 1..first; 0 = no such condition
    std::uint64_t every = 0;  // the key's requests every, 2*every, ...; 0 = no such condition
    // The request arrived in [from, to) after the epoch (server start, the last reset or
    // profile change); absent: unbounded on that side.
    std::optional<std::chrono::milliseconds> from;
    std::optional<std::chrono::milliseconds> to;
    FaultSpec fault;  // what happens when the rule fires

    friend bool operator==(const ScriptRule&, const ScriptRule&) = default;
};

class ScriptBook {
  public:
    ScriptBook() = default;
    explicit ScriptBook(std::vector<ScriptRule> rules);

    bool empty() const noexcept { return rules_.empty(); }

    // Counts the request under every rule whose key it has, and returns the fault of the first
    // rule that fires, or nullptr.
    const FaultSpec* decide(const RequestHeaders& headers, std::chrono::microseconds since_epoch);

    // Forgets every count.
    void clear_counts();

  private:
    struct Counts {
        std::uint64_t global = 0;
        std::unordered_map<std::string, std::uint64_t> by_key;  // at most kMaxScriptKeys
        std::uint64_t overflow = 0;  // every key past kMaxScriptKeys shares this count
    };

    std::uint64_t count(std::size_t rule, std::string_view key);

    std::vector<ScriptRule> rules_;
    std::vector<Counts> counts_;
};

}  // namespace mock_llm
