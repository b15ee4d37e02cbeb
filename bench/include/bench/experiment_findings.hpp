#pragma once
// The words of the experiments' findings, chosen by the figures: which of two measures is
// lower (with a margin under which the difference is noise), and the comparison of a slot held
// against released during backoff. Pure functions; tests feed them made-up runs.

#include <cstdint>
#include <string>
#include <vector>

#include "bench/level_run.hpp"

namespace bench {

// Differences within this share of the larger value count as a tie: on a shared machine two
// runs of the same configuration differ by a few percent.
inline constexpr double kTieShare = 0.05;

enum class Lower { first, second, tie };
// Which of two non-negative measures is lower, beyond kTieShare of the larger.
Lower lower_of(double first, double second);

// Attempts that did not bring an answer (refused, failed, timed out).
std::uint64_t wasted_attempts(const LevelResult& run);
// A percentile of the calls' total latency (queue wait and service), in seconds.
double total_percentile_s(const LevelResult& run, double quantile);

// "1 attempt", "4 attempts".
std::string counted(std::uint64_t count, const std::string& noun);
// `value` with at most `digits` after the point, trailing zeros dropped: "0.5", "10", "2.25".
std::string number(double value, int digits);
// A share as a percentage with at most one decimal: "10%", "5.5%".
std::string percent(double share);

// "a", "a and b", "a, b and c".
std::string spoken_list(const std::vector<std::string>& items);

// The embedded mock's random faults that flags added to an experiment's provider.
struct RandomFaults {
    double status_429_share = 0;  // --rate-429
    double status_500_share = 0;  // --rate-500
};
// ", with 5% random 429s and 2% random 500s (--rate-429, --rate-500)"; "" without any.
std::string random_faults_note(const RandomFaults& faults);

// One finding: `configuration` run with the slot held and released during backoff, which
// policy wins on makespan, wasted attempts (429s beside them) and tail latency (total p99),
// and how many calls each lost. `scale` turns seconds into real-time equivalents.
std::string slot_policy_finding(const std::string& configuration, const LevelResult& held,
                                const LevelResult& released, double scale);

}  // namespace bench
