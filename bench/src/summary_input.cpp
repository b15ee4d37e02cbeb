#include "bench/summary_input.hpp"

#include <array>
#include <cerrno>
#include <climits>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <utility>
#include <vector>

#include "bench/report.hpp"
#include "support/json_parse_error.hpp"

namespace bench {
namespace {

using nlohmann::json;

// A summary is at most a few hundred kilobytes (a few hundred histogram buckets per level); the
// cap keeps /dev/zero or a mistyped log file from being read into memory without end.
constexpr std::size_t kMaxSummaryBytes = std::size_t{64} << 20;

qa::Expected<std::string, std::string> read_text(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return qa::Unexpected("cannot read " + path + ": it is a directory, not a summary.json");
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return qa::Unexpected("cannot read " + path + ": " +
                              std::generic_category().message(errno));
    std::string text;
    std::array<char, 1 << 16> chunk{};
    // istream::read turns a failing read (EIO, EISDIR) into badbit instead of throwing.
    while (file.read(chunk.data(), chunk.size()) || file.gcount() > 0) {
        text.append(chunk.data(), static_cast<std::size_t>(file.gcount()));
        if (text.size() > kMaxSummaryBytes)
            return qa::Unexpected("cannot read " + path + ": larger than " +
                                  std::to_string(kMaxSummaryBytes >> 20) + " MiB, not a summary");
    }
    if (file.bad())
        return qa::Unexpected("cannot read " + path + ": the read failed");
    return text;
}

// How deep a summary may nest: qa-bench's own go 7 levels down (runs[].histograms.total.
// buckets[][]); the rest is room for fields yet to come.
constexpr std::size_t kMaxSummaryDepth = 32;

// What qa-bench writes: a report with one run, its lists holding one entry so their elements
// have a type to check against.
const json& written_summary() {
    static const json summary = [] {
        RunReport report;
        LevelResult run;
        run.makespans_s = {0.0};
        run.client_cpus_s = {0.0};
        run.limit_history = {{0.0, 1}};
        report.runs.push_back(run);
        report.scenario.test_paths = {"tests"};
        report.merged_from = {"summary.json"};
        return to_json(report);
    }();
    return summary;
}

// The kind `given` must be to read as `written` was, or nullptr when it is. A count stays a
// count (a negative one would wrap), an integer an integer, any number may stand for a
// fraction; null is what the writer puts where there may be nothing (no server stats, a closed
// loop), so anything goes there.
const char* kind_missed(const json& written, const json& given) {
    if (written.is_null())
        return nullptr;
    if (written.is_number_unsigned()) {
        const bool count = given.is_number_unsigned() ||
                           (given.is_number_integer() && given.get<std::int64_t>() >= 0);
        return count ? nullptr : "a count (an integer >= 0)";
    }
    if (written.is_number_integer())
        return given.is_number_integer() ? nullptr : "an integer";
    if (written.is_number_float())
        return given.is_number() ? nullptr : "a number";
    if (written.type() == given.type())
        return nullptr;
    if (written.is_string())
        return "a string";
    if (written.is_boolean())
        return "true or false";
    return written.is_array() ? "an array" : "an object";
}

// Whether `value` holds something more than `limit` levels down; a walk with its own stack, so
// a document nested a million deep costs no recursion.
bool nested_deeper_than(const json& value, std::size_t limit) {
    std::vector<std::pair<const json*, std::size_t>> pending{{&value, 0}};
    while (!pending.empty()) {
        const auto [at, depth] = pending.back();
        pending.pop_back();
        if (!at->is_structured())
            continue;
        if (depth >= limit && !at->empty())
            return true;
        for (const auto& child : *at)
            pending.emplace_back(&child, depth + 1);
    }
    return false;
}

// `given` against `written`, key by key (objects) and element by element (arrays, against the
// writer's first element), only as deep as the writer goes.
qa::Expected<void, std::string> check_kinds(const json& written, const json& given,
                                            const std::string& where) {
    if (const char* wanted = kind_missed(written, given)) {
        return qa::Unexpected("\"" + where + "\" is " + shown(given) + ", where qa-bench writes " +
                              wanted);
    }
    if (written.is_object()) {
        for (const auto& [key, value] : given.items()) {
            const auto known = written.find(key);
            if (known == written.end())
                continue;
            auto checked = check_kinds(*known, value, where.empty() ? key : where + "." + key);
            if (!checked)
                return checked;
        }
    } else if (written.is_array() && !written.empty()) {
        for (std::size_t i = 0; i < given.size(); ++i) {
            auto checked =
                check_kinds(written.front(), given[i], where + "[" + std::to_string(i) + "]");
            if (!checked)
                return checked;
        }
    }
    return {};
}

}  // namespace

qa::Expected<nlohmann::json, std::string> read_summary_file(const std::string& path) {
    auto text = read_text(path);
    if (!text)
        return qa::Unexpected(text.error());
    auto summary = json::parse(*text, nullptr, false);
    if (summary.is_discarded())
        return qa::Unexpected(path + " is not JSON: " + support::json_parse_error(*text));
    if (auto checked = check_summary_types(summary); !checked)
        return qa::Unexpected(path + ": " + checked.error());
    return summary;
}

qa::Expected<void, std::string> check_summary_types(const nlohmann::json& summary) {
    if (!summary.is_object() || !summary.contains("runs") || !summary.at("runs").is_array())
        return qa::Unexpected(std::string("not a qa-bench summary (no \"runs\" array)"));
    // Everything but the runs, which are checked one by one below to name each in messages.
    static const json written_head = [] {
        json head = written_summary();
        head.erase("runs");
        return head;
    }();
    if (auto checked = check_kinds(written_head, summary, ""); !checked)
        return checked;
    const json& written_run = written_summary().at("runs").front();
    const auto& runs = summary.at("runs");
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const auto key = run_key(runs[i]);
        if (!key)
            return qa::Unexpected("runs[" + std::to_string(i) + "]: " + key.error());
        if (auto checked = check_kinds(written_run, runs[i], ""); !checked)
            return qa::Unexpected(describe(*key) + ": " + checked.error());
    }
    // The kinds above are checked only as deep as qa-bench writes; below that, and under keys
    // it does not write, comparing, dumping or walking a value recurses once per level: a
    // summary nested far deeper than qa-bench writes is refused before anything does.
    if (nested_deeper_than(summary, kMaxSummaryDepth)) {
        return qa::Unexpected("nested deeper than " + std::to_string(kMaxSummaryDepth) +
                              " levels, far deeper than qa-bench writes");
    }
    return {};
}

std::string describe(const RunKey& key) {
    return "the " + key.strategy + " run at concurrency " + std::to_string(key.concurrency);
}

qa::Expected<RunKey, std::string> run_key(const nlohmann::json& run) {
    if (!run.is_object())
        return qa::Unexpected("is " + shown(run) + ", not a run (an object)");
    RunKey key{"fixed", 0};
    if (const auto strategy = run.find("strategy"); strategy != run.end()) {
        if (!strategy->is_string() || strategy->get_ref<const std::string&>().empty())
            return qa::Unexpected("\"strategy\" is " + shown(*strategy) + ", not a strategy");
        key.strategy = strategy->get<std::string>();
    }
    const auto level = run.find("concurrency");
    if (level == run.end())
        return qa::Unexpected(std::string("no \"concurrency\""));
    if (!level->is_number_integer() || level->get<std::int64_t>() < 1 ||
        level->get<std::int64_t>() > INT_MAX)
        return qa::Unexpected("\"concurrency\" is " + shown(*level) + ", not an integer >= 1");
    key.concurrency = level->get<int>();
    return key;
}

qa::Expected<double, std::string> number_at(const nlohmann::json& object, const std::string& key) {
    const auto found = object.find(key);
    if (found == object.end())
        return qa::Unexpected("no \"" + key + "\"");
    if (!found->is_number())
        return qa::Unexpected("\"" + key + "\" is " + shown(*found) + ", not a number");
    return found->get<double>();
}

std::string shown(const nlohmann::json& value) {
    // Structures by their kind only: dumping one nested a million deep would recurse as deep.
    if (value.is_array())
        return "an array";
    if (value.is_object())
        return "an object";
    std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
    if (text.size() > 40)
        text = text.substr(0, 37) + "...";
    return text;
}

}  // namespace bench
