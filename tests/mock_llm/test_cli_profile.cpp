// The mock-llm binary with a profile: --profile FILE is served (GET /_mock/profile shows it),
// flags override the file's fields, and an invalid profile stops the start with exit status 2
// and a message naming the path, the field and the reason.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "child_process.hpp"

namespace mock_llm::testing {
namespace {

using namespace std::chrono_literals;

// A file with `text` under /tmp, removed when the test ends.
class TempFile {
  public:
    explicit TempFile(const std::string& text)
        : path_("/tmp/mock_llm_profile_" + std::to_string(::getpid()) + "_" +
                std::to_string(counter()++) + ".json") {
        std::ofstream(path_) << text;
    }
    ~TempFile() { std::remove(path_.c_str()); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const { return path_; }

  private:
    static int& counter() {
        static int next = 0;
        return next;
    }
    std::string path_;
};

// The profile the running child serves.
nlohmann::json served_profile(Child& child) {
    const auto line = child.read_stdout_line(10s);
    if (!line) {
        ADD_FAILURE() << "no listening line: " << child.read_stderr();
        return {};
    }
    const int port = std::stoi(line->substr(line->rfind(':') + 1));
    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(5s);
    client.set_read_timeout(5s);
    const auto result = client.Get("/_mock/profile");
    if (!result) {
        ADD_FAILURE() << httplib::to_string(result.error());
        return {};
    }
    return nlohmann::json::parse(result->body);
}

TEST(CliProfile, ServesTheProfileFile) {
    const TempFile file(R"({"seed": 11, "behaviour": {"name": "deepseek-concurrency",
        "capacity": 3}, "chaos": {"503": 0.5}})");
    Child child({"--port", "0", "--profile", file.path()});
    ASSERT_TRUE(child.started());
    const auto profile = served_profile(child);
    EXPECT_EQ(profile["seed"], 11);
    EXPECT_EQ(profile["behaviour"]["name"], "deepseek-concurrency");
    EXPECT_EQ(profile["behaviour"]["capacity"], 3);
    EXPECT_EQ(profile["chaos"]["503"], 0.5);
}

TEST(CliProfile, FlagsOverrideTheFile) {
    const TempFile file(R"({"seed": 11, "latency": {"model": "normal", "mean_ms": 100,
        "sd_ms": 10}, "chaos": {"429": 0.5}})");
    Child child({"--port",          "0",
                 "--profile",       file.path(),
                 "--seed",          "12",
                 "--rate-429",      "0.1",
                 "--chaos",         "hang=0.01",
                 "--latency-sd-ms", "20",
                 "--behaviour",     "openai-buckets",
                 "--rpm",           "30",
                 "--tpm",           "5000",
                 "--per-token-ms",  "2"});
    ASSERT_TRUE(child.started());
    const auto profile = served_profile(child);
    EXPECT_EQ(profile["seed"], 12);
    EXPECT_EQ(profile["chaos"]["429"], 0.1);
    EXPECT_EQ(profile["chaos"]["hang"], 0.01);
    EXPECT_EQ(profile["latency"]["model"], "normal");
    EXPECT_EQ(profile["latency"]["mean_ms"], 100);
    EXPECT_EQ(profile["latency"]["sd_ms"], 20);
    EXPECT_EQ(profile["latency"]["per_token_ms"], 2);
    EXPECT_EQ(profile["behaviour"]["name"], "openai-buckets");
    EXPECT_EQ(profile["behaviour"]["requests_per_minute"], 30);
    EXPECT_EQ(profile["behaviour"]["tokens_per_minute"], 5000);
}

TEST(CliProfile, FlagsAloneSetTheLatencyModelAndBehaviour) {
    Child child({"--port",
                 "0",
                 "--latency-model",
                 "uniform",
                 "--latency-min-ms",
                 "5",
                 "--latency-max-ms",
                 "9",
                 "--behaviour",
                 "deepseek-legacy",
                 "--capacity",
                 "4",
                 "--keep-alive-interval-ms",
                 "250",
                 "--queue-cutoff-ms",
                 "60000",
                 "--x-should-retry",
                 "false",
                 "--journal-size",
                 "10"});
    ASSERT_TRUE(child.started());
    const auto profile = served_profile(child);
    EXPECT_EQ(profile["latency"]["model"], "uniform");
    EXPECT_EQ(profile["latency"]["min_ms"], 5);
    EXPECT_EQ(profile["latency"]["max_ms"], 9);
    EXPECT_EQ(profile["behaviour"]["capacity"], 4);
    EXPECT_EQ(profile["behaviour"]["keep_alive_interval_ms"], 250);
    EXPECT_EQ(profile["behaviour"]["queue_cutoff_ms"], 60000);
    EXPECT_EQ(profile["chaos"]["x_should_retry"], false);
}

TEST(CliProfile, InvalidProfileExitsWith2NamingPathFieldAndReason) {
    const TempFile file(R"({"latency": {"model": "lognormal", "median_ms": 100,
        "sigma": 0.5, "sd_ms": 3}})");
    Child child({"--port", "0", "--profile", file.path()});
    ASSERT_TRUE(child.started());
    EXPECT_EQ(child.wait_exit(10s), std::optional<int>(2));
    EXPECT_EQ(child.read_stderr(), "mock-llm: --profile " + file.path() +
                                       ": latency.sd_ms: does not apply to the lognormal model\n");
}

TEST(CliProfile, UnreadableOrMalformedProfileExitsWith2) {
    Child missing({"--profile", "/nonexistent/p.json"});
    EXPECT_EQ(missing.wait_exit(10s), std::optional<int>(2));
    EXPECT_NE(missing.read_stderr().find("cannot read /nonexistent/p.json"), std::string::npos);

    const TempFile file("{\"seed\": }");
    Child malformed({"--profile", file.path()});
    EXPECT_EQ(malformed.wait_exit(10s), std::optional<int>(2));
    EXPECT_NE(malformed.read_stderr().find(file.path() + ": invalid JSON"), std::string::npos);
}

TEST(CliProfile, BadProfileFlagsExitWith2) {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--behaviour", "aws"}, "--behaviour: invalid value 'aws'; expected one of"},
        {{"--chaos", "hang"}, "--chaos: invalid value 'hang'; expected KEY=P"},
        {{"--chaos", "418=0.1"}, "--chaos: invalid value '418=0.1'; expected KEY=P"},
        {{"--chaos", "503=2"}, "--chaos: invalid value '503=2'; P must be in 0..1"},
        {{"--latency-model", "gamma"}, "--latency-model: invalid value 'gamma'"},
        {{"--capacity", "0"}, "--capacity: invalid value '0'; allowed range is 1..1000000"},
        {{"--journal-size", "-1"}, "--journal-size: invalid value '-1'"},
        // Each flag is in range, together they are not a valid model.
        {{"--latency-model", "uniform", "--latency-min-ms", "9", "--latency-max-ms", "5"},
         "invalid profile latency.max_ms: must be at least min_ms (9), got 5"},
    };
    for (const auto& [args, expected] : cases) {
        SCOPED_TRACE(args.front());
        Child child(args);
        ASSERT_TRUE(child.started());
        EXPECT_EQ(child.wait_exit(10s), std::optional<int>(2));
        const std::string err = child.read_stderr();
        EXPECT_NE(err.find(expected), std::string::npos) << err;
    }
}

}  // namespace
}  // namespace mock_llm::testing
