#include "bench/experiment_findings.hpp"

#include <algorithm>
#include <chrono>

#include "bench/experiment.hpp"

namespace bench {
namespace {

// How one measure came out, in the words of the slot-policy finding.
struct Judged {
    std::string measure;  // "makespan", "wasted attempts", "tail latency"
    Lower lower;
};

std::string verdict(Lower lower) {
    switch (lower) {
        case Lower::first:
            return "held wins";
        case Lower::second:
            return "released wins";
        case Lower::tie:
            break;
    }
    return "a tie within " + percent(kTieShare);
}

// "Released wins on makespan and tail latency; held on none."
std::string wins_summary(const std::vector<Judged>& judged) {
    std::vector<std::string> held;
    std::vector<std::string> released;
    for (const auto& one : judged) {
        if (one.lower == Lower::first)
            held.push_back(one.measure);
        else if (one.lower == Lower::second)
            released.push_back(one.measure);
    }
    if (held.empty() && released.empty())
        return "In this run neither policy wins on any of the three.";
    const auto wins = [](const std::vector<std::string>& measures) {
        return measures.empty() ? std::string("none") : spoken_list(measures);
    };
    if (held.size() >= released.size())
        return "In this run held wins on " + wins(held) + "; released on " + wins(released) + ".";
    return "In this run released wins on " + wins(released) + "; held on " + wins(held) + ".";
}

std::string failures_clause(std::uint64_t held, std::uint64_t released) {
    if (held == 0 && released == 0)
        return " Neither lost a call.";
    const std::string given_up = "so each makespan includes calls given up on.";
    if (held == released)
        return " Both lost " + std::to_string(held) + " calls, " + given_up;
    std::string text = std::string(held < released ? " Held" : " Released") +
                       " lost fewer calls (" + std::to_string(std::min(held, released)) +
                       " against " + std::to_string(std::max(held, released)) + ")";
    return text + (held > 0 && released > 0 ? "; both lost some, " + given_up : ".");
}

}  // namespace

Lower lower_of(double first, double second) {
    const double margin = kTieShare * std::max(first, second);
    if (first < second - margin)
        return Lower::first;
    if (second < first - margin)
        return Lower::second;
    return Lower::tie;
}

std::uint64_t wasted_attempts(const LevelResult& run) {
    return run.metrics.attempts > run.calls_ok ? run.metrics.attempts - run.calls_ok : 0;
}

double total_percentile_s(const LevelResult& run, double quantile) {
    return std::chrono::duration<double>(run.metrics.total.percentile(quantile)).count();
}

std::string counted(std::uint64_t count, const std::string& noun) {
    return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

std::string number(double value, int digits) {
    std::string text = fixed(value, digits);
    if (text.find('.') == std::string::npos)
        return text;
    while (text.back() == '0')
        text.pop_back();
    if (text.back() == '.')
        text.pop_back();
    return text;
}

std::string percent(double share) {
    return number(share * 100, 1) + "%";
}

std::string spoken_list(const std::vector<std::string>& items) {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0)
            text += i + 1 == items.size() ? " and " : ", ";
        text += items[i];
    }
    return text;
}

std::string random_faults_note(const RandomFaults& faults) {
    std::vector<std::string> parts;
    std::vector<std::string> flags;
    if (faults.status_429_share > 0) {
        parts.push_back(percent(faults.status_429_share) + " random 429s");
        flags.emplace_back("--rate-429");
    }
    if (faults.status_500_share > 0) {
        parts.push_back(percent(faults.status_500_share) + " random 500s");
        flags.emplace_back("--rate-500");
    }
    if (parts.empty())
        return "";
    return ", with " + spoken_list(parts) + " (" + spoken_list(flags) + ")";
}

std::string slot_policy_finding(const std::string& configuration, const LevelResult& held,
                                const LevelResult& released, double scale) {
    const double held_p99 = total_percentile_s(held, 0.99);
    const double released_p99 = total_percentile_s(released, 0.99);
    const std::vector<Judged> judged = {
        {"makespan", lower_of(held.makespan_s, released.makespan_s)},
        {"wasted attempts", lower_of(static_cast<double>(wasted_attempts(held)),
                                     static_cast<double>(wasted_attempts(released)))},
        {"tail latency", lower_of(held_p99, released_p99)},
    };
    return configuration + ", slot held against released during backoff: makespan " +
           seconds_cell(held.makespan_s, scale) + " against " +
           seconds_cell(released.makespan_s, scale) + " (" + verdict(judged[0].lower) +
           "); wasted attempts " + std::to_string(wasted_attempts(held)) + " against " +
           std::to_string(wasted_attempts(released)) + ", of them 429s " +
           std::to_string(held.status_429) + " against " + std::to_string(released.status_429) +
           " (" + verdict(judged[1].lower) + "); total p99 " + seconds_cell(held_p99, scale) +
           " against " + seconds_cell(released_p99, scale) + " (" + verdict(judged[2].lower) +
           "). " + wins_summary(judged) + failures_clause(held.calls_failed, released.calls_failed);
}

}  // namespace bench
