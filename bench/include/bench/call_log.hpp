#pragma once
// Per-call records as JSON Lines: one line per call of a measured run, with every instant as
// microseconds since the run's first intended start, so a run's timeline can be replayed,
// plotted or checked (queue wait, each attempt's send, first byte and end, backoff, outcome).

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "qa/llm/call_record.hpp"

namespace bench {

struct CallLine {
    std::string task;  // the task's name
    qa::CallRecord record;
    std::string error;  // the final error's description; empty when the call succeeded
    // An open loop's: the analysis's index in the whole schedule (the same in every shard).
    std::optional<int> analysis;
};

// Writes one JSON object per call, in task order, each tagged with the run's concurrency and
// strategy (a run of several strategies has a row of each at one limit).
void write_call_lines(std::ostream& out, int concurrency, const std::string& strategy,
                      const std::vector<CallLine>& calls);

}  // namespace bench
