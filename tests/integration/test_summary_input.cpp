// Reading a summary.json back (compare and merge): whatever the path holds, the answer is the
// summary or an error naming the path, never an exception.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "bench/report.hpp"
#include "bench/summary_input.hpp"

namespace bench {
namespace {

// A fresh directory, removed with its files when the test ends.
class TempDir {
  public:
    TempDir()
        : path_(std::filesystem::temp_directory_path() /
                ("qa-summary-input-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(path_ / name, std::ios::binary) << text;
        return (path_ / name).string();
    }
    std::string path() const { return path_.string(); }

  private:
    std::filesystem::path path_;
};

nlohmann::json written_summary() {
    RunReport report;
    report.runs.emplace_back();
    report.runs.back().concurrency = 10;
    report.runs.back().makespans_s = {0.1};
    return to_json(report);
}

void expect_error(const qa::Expected<nlohmann::json, std::string>& read, const std::string& part) {
    ASSERT_FALSE(read) << "expected an error with: " << part;
    EXPECT_NE(read.error().find(part), std::string::npos) << read.error();
}

TEST(SummaryInput, ReadsWhatQaBenchWrites) {
    const TempDir dir;
    const auto path = dir.write("summary.json", written_summary().dump(2));
    const auto read = read_summary_file(path);
    ASSERT_TRUE(read) << read.error();
    EXPECT_EQ(read->at("runs").size(), 1u);
}

// Reading a directory threw std::ios_base::failure from inside the JSON parser (exit 134).
TEST(SummaryInput, ADirectoryOrAMissingFileIsAnErrorNamingThePath) {
    const TempDir dir;
    expect_error(read_summary_file(dir.path()),
                 "cannot read " + dir.path() + ": it is a directory, not a summary.json");
    expect_error(read_summary_file(dir.path() + "/none.json"),
                 "cannot read " + dir.path() + "/none.json: No such file or directory");
}

TEST(SummaryInput, TextThatIsNotJsonSaysWhereItStops) {
    const TempDir dir;
    const auto path = dir.write("broken.json", "{\"runs\": [1,");
    expect_error(read_summary_file(path), path + " is not JSON: ");
    expect_error(read_summary_file(path), "line 1, column 13");
    expect_error(read_summary_file(dir.write("empty.json", "")), "is not JSON");
}

TEST(SummaryInput, JsonOfAnotherShapeOrTypeNamesTheKey) {
    const TempDir dir;
    auto ratio = written_summary();
    ratio["runs"][0]["ratio"] = "x";
    auto nested = written_summary();
    nested["runs"][0]["phase1"]["files"] = 1.5;
    auto limit_history = written_summary();
    limit_history["runs"][0]["limit_history"] = {{0.1, "x"}};
    const std::vector<std::pair<nlohmann::json, std::string>> cases{
        {nlohmann::json::array(), "not a qa-bench summary (no \"runs\" array)"},
        {{{"runs", 5}}, "not a qa-bench summary (no \"runs\" array)"},
        {{{"runs", nlohmann::json::array({5})}}, "runs[0]: is 5, not a run (an object)"},
        {{{"runs", {{{"ratio", 1.0}}}}}, "runs[0]: no \"concurrency\""},
        {{{"time_scale", "fast"}, {"runs", nlohmann::json::array()}},
         "\"time_scale\" is \"fast\", where qa-bench writes a number"},
        {ratio,
         "the fixed run at concurrency 10: \"ratio\" is \"x\", where qa-bench writes a number"},
        {nested,
         "the fixed run at concurrency 10: \"phase1.files\" is 1.5, where qa-bench writes a count"},
        {limit_history, "the fixed run at concurrency 10: \"limit_history[0][1]\" is \"x\""},
    };
    for (const auto& [summary, expected] : cases) {
        const auto path = dir.write("summary.json", summary.dump());
        expect_error(read_summary_file(path), path + ": " + expected);
    }
}

// The parser does not recurse, and neither may the message: a value nested a million deep is
// shown by its kind.
TEST(SummaryInput, ADeeplyNestedValueIsAnErrorNotAStackOverflow) {
    const TempDir dir;
    const std::string deep(1'000'000, '[');
    const auto path = dir.write("deep.json", "{\"runs\": [{\"concurrency\": 1, \"ratio\": " + deep +
                                                 std::string(1'000'000, ']') + "}]}");
    expect_error(read_summary_file(path), "\"ratio\" is an array, where qa-bench writes a number");

    // Under a key whose kind is free (the mock's profile is null without a mock), the nesting
    // itself is refused: compare and merge walk and compare what is there.
    auto summary = written_summary().dump();
    summary.replace(summary.find("\"mock\":null"), 11,
                    "\"mock\":" + deep + std::string(1'000'000, ']'));
    expect_error(read_summary_file(dir.write("deep_mock.json", summary)),
                 "nested deeper than 32 levels, far deeper than qa-bench writes");
}

}  // namespace
}  // namespace bench
