#pragma once
// Per-call records as JSON Lines: one line per call of a measured run, with every instant as
// microseconds since the run's first intended start, so a run's timeline can be replayed,
// plotted or checked (queue wait, each attempt's send, first byte and end, backoff, outcome).

#include <ostream>
#include <string>
#include <vector>

#include "qa/llm/call_record.hpp"

namespace bench {

struct CallLine {
    std::string task;  // the task's name
    qa::CallRecord record;
    std::string error;  // the final error's description; empty when the call succeeded
};

// Writes one JSON object per call, in task order, each tagged with the run's concurrency.
void write_call_lines(std::ostream& out, int concurrency, const std::vector<CallLine>& calls);

}  // namespace bench
