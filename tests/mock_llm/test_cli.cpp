// The mock-llm binary: the "listening on" line, serving, a clean exit on SIGTERM/SIGINT, and
// exit status 2 with a message naming flag, value and range for bad flags (every value flag
// with an empty, a malformed and an out-of-range value).
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>

#include "child_process.hpp"

namespace {

using namespace std::chrono_literals;
using mock_llm::testing::Child;

void expect_serves_then_exits_cleanly_on(int signal_number) {
    Child child({"--port", "0", "--latency-ms", "1.5", "--rate-429", "0"});
    ASSERT_TRUE(child.started());
    const auto line = child.read_stdout_line(10s);
    ASSERT_TRUE(line) << child.read_stderr();
    const std::string prefix = "listening on 127.0.0.1:";
    ASSERT_TRUE(line->starts_with(prefix)) << *line;
    const int port = std::stoi(line->substr(prefix.size()));
    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(5s);
    client.set_read_timeout(5s);
    const auto result = client.Get("/healthz");
    ASSERT_TRUE(result) << httplib::to_string(result.error());
    EXPECT_EQ(result->status, 200);
    child.signal(signal_number);
    EXPECT_EQ(child.wait_exit(10s), std::optional<int>(0));
}

TEST(Cli, ServesAndExitsCleanlyOnSigterm) {
    expect_serves_then_exits_cleanly_on(SIGTERM);
}

TEST(Cli, ServesAndExitsCleanlyOnSigint) {
    expect_serves_then_exits_cleanly_on(SIGINT);
}

// Runs mock-llm with `args`; it must exit with status 2 and say `expected` on stderr.
void expect_refused(const std::vector<std::string>& args, const std::string& expected) {
    Child child(args);
    ASSERT_TRUE(child.started());
    EXPECT_EQ(child.wait_exit(10s), std::optional<int>(2));
    const std::string err = child.read_stderr();
    EXPECT_NE(err.find(expected), std::string::npos) << "missing '" << expected << "' in " << err;
}

struct BadFlagCase {
    std::vector<std::string> args;
    std::string expected_in_stderr;
};

TEST(Cli, BadValuesExitWith2NamingFlagValueAndRange) {
    // The --host case asks the resolver about a name: where a configured nameserver does not
    // answer, glibc would wait 5 s per try and server. The children inherit this bound.
    ::setenv("RES_OPTIONS", "timeout:1 attempts:1", 1);
    const BadFlagCase cases[] = {
        {{"--rate-429", "1.5"}, "--rate-429: invalid value '1.5'; allowed range is 0..1\n"},
        {{"--rate-500", "abc"}, "--rate-500: invalid value 'abc'; allowed range is 0..1\n"},
        {{"--latency-ms=-3"}, "--latency-ms: invalid value '-3'; allowed range is 0..3600000 ms"},
        {{"--port", "70000"}, "--port: invalid value '70000'; allowed range is 0..65535\n"},
        {{"--retry-after-ms", "nan"}, "--retry-after-ms: invalid value 'nan'; allowed range is"},
        {{"--max-body-bytes", "0"},
         "--max-body-bytes: invalid value '0'; allowed range is 1..1073741824 bytes"},
        {{"--seed", "x1"}, "--seed: invalid value 'x1'"},
        {{"--host", ""}, "--host: invalid value ''"},
        // RFC 6761 reserves .invalid: no resolver knows such a name.
        {{"--host", "no-such-host.invalid"},
         "--host: invalid value 'no-such-host.invalid'; give an IP address or a host name that "
         "resolves"},
        {{"--profile", ""}, "--profile: invalid value ''; give the path of a JSON profile file"},
        {{"--no-such-flag"}, "--no-such-flag"},
    };
    for (const BadFlagCase& c : cases) {
        SCOPED_TRACE(c.args.front());
        expect_refused(c.args, c.expected_in_stderr);
    }
}

// A value flag, what its error says is allowed, and values beyond that (none where every
// well-formed value is allowed).
struct FlagValues {
    std::string flag;
    std::string allowed;
    std::vector<std::string> out_of_range;
};

TEST(Cli, EveryValueFlagRefusesEmptyMalformedAndOutOfRangeValues) {
    const std::string ms = "allowed range is 0..3600000 ms";
    const std::string timeout = "allowed range is 1..3600000 ms";
    const FlagValues flags[] = {
        {"--port", "allowed range is 0..65535", {"-1", "65536"}},
        {"--journal-size", "allowed range is 0..1000000", {"-1", "1000001"}},
        {"--h2-max-streams", "allowed range is 1..100000", {"0", "100001", "-1", "many"}},
        {"--max-body-bytes", "allowed range is 1..1073741824 bytes", {"1073741825"}},
        {"--header-timeout-ms", timeout, {"0", "3600001"}},
        {"--body-timeout-ms", timeout, {"0", "3600001"}},
        {"--write-timeout-ms", timeout, {"0", "3600001"}},
        {"--latency-model", "expected one of fixed, uniform, normal, lognormal", {}},
        {"--latency-ms", ms, {"-1", "3600001"}},
        {"--latency-min-ms", ms, {"-1", "3600001"}},
        {"--latency-max-ms", ms, {"-1", "3600001"}},
        {"--latency-sd-ms", ms, {"-1", "3600001"}},
        {"--latency-sigma", "allowed range is 0..10", {"-0.1", "10.5"}},
        {"--ttft-ms", ms, {"-1", "3600001"}},
        {"--per-token-ms", ms, {"-1", "3600001"}},
        {"--load-capacity", "allowed range is 0..1000000", {"-1", "1000001"}},
        {"--load-slowdown", "allowed range is 1..1000", {"0.5", "1001"}},
        {"--precision-window-ms", "allowed range is 0..10 ms", {"-1", "10.5"}},
        {"--seed", "allowed range is 0..18446744073709551615", {"-1", "18446744073709551616"}},
        {"--rate-429", "allowed range is 0..1", {"-0.1", "1.5"}},
        {"--rate-500", "allowed range is 0..1", {"-0.1", "1.5"}},
        {"--chaos", "expected KEY=P", {}},
        {"--x-should-retry", "expected one of true, false", {}},
        {"--retry-after-ms", ms, {"-1", "3600001"}},
        {"--behaviour",
         "expected one of unlimited, deepseek-legacy, deepseek-concurrency, openai-buckets",
         {}},
        {"--capacity", "allowed range is 1..1000000", {"0", "1000001"}},
        {"--keep-alive-interval-ms", timeout, {"0", "3600001"}},
        {"--queue-cutoff-ms", timeout, {"0", "3600001"}},
        {"--rpm", "allowed range is 1..1000000000", {"0", "1000000001"}},
        {"--tpm", "allowed range is 1..1000000000", {"0", "1000000001"}},
    };
    for (const FlagValues& f : flags) {
        std::vector<std::string> values = {"", "x"};
        values.insert(values.end(), f.out_of_range.begin(), f.out_of_range.end());
        for (const std::string& value : values) {
            SCOPED_TRACE(f.flag + " '" + value + "'");
            expect_refused({f.flag, value},
                           f.flag + ": invalid value '" + value + "'; " + f.allowed);
        }
    }
}

TEST(Cli, BindFailureExitsWith1) {
    Child first({});
    ASSERT_TRUE(first.started());
    const auto line = first.read_stdout_line(10s);
    ASSERT_TRUE(line);
    const std::string port = line->substr(line->rfind(':') + 1);
    Child second({"--port", port});
    EXPECT_EQ(second.wait_exit(10s), std::optional<int>(1));
    EXPECT_NE(second.read_stderr().find("cannot listen on 127.0.0.1:" + port), std::string::npos);
}

}  // namespace
