// The mock-llm binary: the "listening on" line, serving, a clean exit on SIGTERM/SIGINT, and
// exit status 2 with a message naming flag, value and range for bad flags.
#include <signal.h>

#include <chrono>
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

struct BadFlagCase {
    std::vector<std::string> args;
    std::vector<std::string> expected_in_stderr;
};

TEST(Cli, BadValuesExitWith2NamingFlagValueAndRange) {
    const BadFlagCase cases[] = {
        {{"--rate-429", "1.5"}, {"--rate-429: invalid value '1.5'; allowed range is 0..1\n"}},
        {{"--rate-500", "abc"}, {"--rate-500: invalid value 'abc'; allowed range is 0..1\n"}},
        {{"--latency-ms=-3"}, {"--latency-ms: invalid value '-3'; allowed range is 0..3600000 ms"}},
        {{"--port", "70000"}, {"--port: invalid value '70000'; allowed range is 0..65535\n"}},
        {{"--retry-after-ms", "nan"}, {"--retry-after-ms: invalid value 'nan'; allowed range is"}},
        {{"--max-body-bytes", "0"},
         {"--max-body-bytes: invalid value '0'; allowed range is 1..1073741824 bytes"}},
        {{"--seed", "x1"}, {"--seed: invalid value 'x1'"}},
        {{"--host", ""}, {"--host: invalid value ''"}},
        {{"--no-such-flag"}, {"--no-such-flag"}},
    };
    for (const BadFlagCase& c : cases) {
        SCOPED_TRACE(c.args.front());
        Child child(c.args);
        ASSERT_TRUE(child.started());
        EXPECT_EQ(child.wait_exit(10s), std::optional<int>(2));
        const std::string err = child.read_stderr();
        for (const std::string& expected : c.expected_in_stderr) {
            EXPECT_NE(err.find(expected), std::string::npos)
                << "missing '" << expected << "' in " << err;
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
