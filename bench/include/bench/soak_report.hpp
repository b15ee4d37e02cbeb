#pragma once
// The soak's verdict, its console table and soak.json, from its result and the conditions it
// ran under. Pure but for the stream printed to.

#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/soak.hpp"
#include "bench/soak_criteria.hpp"
#include "mock_llm/chaos.hpp"

namespace bench {

struct SoakConditions {
    int concurrency = 0;
    double time_scale = 1;
    std::chrono::microseconds attempt_timeout{0};  // per attempt, on the time scale
    // The embedded mock's faults; nullopt: an external server, with faults of its own.
    std::optional<mock_llm::ChaosProfile> chaos;
    std::string server;  // "embedded mock" or the external URL
    std::string command;
};

struct SoakVerdict {
    std::size_t start = 0;       // the checkpoint the figures are judged from (after the warm-up)
    Flatness descriptors;        // all open descriptors: coarse, allows for churn
    Flatness other_descriptors;  // those that are not sockets: tight
    Flatness memory;
    std::int64_t leaked = 0;            // leaked_connections of the census
    std::vector<std::string> failures;  // one sentence each; empty: the soak passed
};

// Judges descriptors and memory from the first checkpoint after `warm_up_calls`, counts leaked
// connections, lost calls and a limit the server saw exceeded.
SoakVerdict judge_soak(const SoakResult& soak, int concurrency, bool embedded_mock,
                       std::uint64_t warm_up_calls);

void print_soak(std::ostream& out, const SoakResult& soak, const SoakVerdict& verdict,
                const SoakConditions& conditions);

nlohmann::json soak_json(const SoakResult& soak, const SoakVerdict& verdict,
                         const SoakConditions& conditions);

// "429 5%, 500 5%, reset 2%": the faults with a rate above zero, in the order they are drawn.
std::string describe_fault_mix(const mock_llm::ChaosProfile& chaos);

}  // namespace bench
