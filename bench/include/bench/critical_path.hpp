#pragma once
// Where a closed-loop run's makespan went beyond its lower bound. The run ends with its last
// call. That call got its slot when an earlier call gave one back; that call got its own slot
// from an earlier one still, and so on back to a call that found a slot free. Along this chain
// the makespan splits exactly into the lower bound plus the parts below, so a report can say
// whether a run stalled launching its first calls, handing slots over, waiting for late answers,
// or retrying. Pure: it reads the call records and nothing else.
//
// A part can be negative: an answer earlier than the nominal latency, or a chain with fewer
// answered calls than the lower bound's waves. With an adaptive limit a slot may be given back
// without being handed over (the limit shrank); the chain then links through that release and
// the wait for the limit shows as slot wait. A call that gave its slot back to sleep before a
// retry may hand it over mid-call: the chain then runs through that call up to the release. A
// call's own later waits for a slot count as its retrying: the chain follows first slots only.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "bench/call_log.hpp"

namespace bench {

struct CriticalPath {
    int calls = 0;     // on the chain, the last call included
    int answered = 0;  // of them, ended by an answer (each spent one nominal latency)
    int waves = 0;     // ceil(N / C): the answered calls the lower bound counts
    // The parts of makespan - lower bound, in seconds:
    double start_s = 0;      // the run's start to the chain's first call holding its slot
    double to_send_s = 0;    // holding a slot to an attempt's start (a client rate limit's token)
    double slot_wait_s = 0;  // a slot given back to the next chain call holding it
    // First bytes later than the nominal latency after the attempt's start (which includes
    // building and sending the request, and the client reading the answer's head).
    double late_s = 0;
    // Of late_s, the server's own part: what it said it spent (Server-Timing or
    // openai-processing-ms) beyond the nominal latency. The rest is the network and the client
    // getting round to reading. Absent unless every answer on the chain said.
    std::optional<double> server_late_s;
    double reading_s = 0;   // an answer's first byte to the call's end
    double retrying_s = 0;  // failed attempts, backoff and re-queueing; a failed call whole
    double waves_s = 0;     // (answered - waves) x latency
    double outside_s = 0;   // the makespan before the first call starts and after the last ends

    double overhead_s() const {
        return start_s + to_send_s + slot_wait_s + late_s + reading_s + retrying_s + waves_s +
               outside_s;
    }
};

// The chain of `calls` (one closed-loop run's records) that ends with the call that ended last.
// `latency` is the nominal call latency the lower bound assumes, `concurrency` the run's limit,
// `makespan` the run's, and `slots_released_in_backoff` its slot policy. nullopt without calls.
std::optional<CriticalPath> critical_path(const std::vector<CallLine>& calls,
                                          std::chrono::microseconds latency, int concurrency,
                                          std::chrono::microseconds makespan,
                                          bool slots_released_in_backoff);

// The parts that moved the makespan most, largest first, in milliseconds: "late answers 0.57
// ms (the server's part 0.20 ms), start 0.42 ms". At most `count`, each at least a tenth of the
// largest; "none" when every part is zero.
std::string describe_largest_parts(const CriticalPath& path, std::size_t count);

}  // namespace bench
