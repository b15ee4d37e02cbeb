#pragma once
// A summary.json read back as input (qa-bench compare and merge): the file, its shape, the types
// of its keys and the key of each run. Nothing here throws on bad input (a directory, a
// truncated file, "ratio": "x"): every error is a value naming the file or the key at fault.

#include <compare>
#include <string>

#include <nlohmann/json.hpp>

#include "qa/expected.hpp"

namespace bench {

// The summary in `path`: a JSON object whose "runs" is an array of objects and whose keys hold
// the types qa-bench writes (check_summary_types). The error starts with the path.
qa::Expected<nlohmann::json, std::string> read_summary_file(const std::string& path);

// Every key of `summary` that qa-bench writes holds the type qa-bench writes there (checked
// against to_json of a report, so the writer stays the one definition of the format), and
// every run has a key (run_key). Keys qa-bench does not write pass (a threshold may name one);
// missing keys pass (the reader that needs one says so). The error names the run and the key.
qa::Expected<void, std::string> check_summary_types(const nlohmann::json& summary);

// What tells the runs of a summary apart: the strategy and the concurrency level.
struct RunKey {
    std::string strategy;
    int concurrency = 0;
    auto operator<=>(const RunKey&) const = default;
};

// "the aimd run at concurrency 10"
std::string describe(const RunKey& key);

// The key of one entry of "runs": its "strategy" (absent: fixed, as before strategies were
// recorded) and its "concurrency" (an integer >= 1).
qa::Expected<RunKey, std::string> run_key(const nlohmann::json& run);

// The number under `key` of `object`; the error says the key is missing or what it holds.
qa::Expected<double, std::string> number_at(const nlohmann::json& object, const std::string& key);

// `value` as a message shows it: JSON text, cut short when long.
std::string shown(const nlohmann::json& value);

}  // namespace bench
