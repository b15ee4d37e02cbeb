// The mock-llm binary: the "listening on" line, serving, a clean exit on SIGTERM/SIGINT, and
// exit status 2 with a message naming flag, value and range for bad flags.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>

extern char** environ;

namespace {

using namespace std::chrono_literals;

// A child process with its stdout and stderr on pipes; killed and reaped if a test bails out.
class Child {
  public:
    explicit Child(std::vector<std::string> args) {
        args.insert(args.begin(), MOCK_LLM_BINARY);
        int out[2];
        int err[2];
        if (::pipe(out) != 0 || ::pipe(err) != 0) {
            return;
        }
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        posix_spawn_file_actions_addclose(&actions, err[0]);
        std::vector<char*> argv;
        for (auto& arg : args) {
            argv.push_back(arg.data());
        }
        argv.push_back(nullptr);
        if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
            pid_ = -1;
        }
        posix_spawn_file_actions_destroy(&actions);
        ::close(out[1]);
        ::close(err[1]);
        out_ = out[0];
        err_ = err[0];
    }
    ~Child() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        ::close(out_);
        ::close(err_);
    }

    bool started() const { return pid_ > 0; }
    void signal(int number) { ::kill(pid_, number); }

    // The first line of stdout, or nullopt if none arrives within `limit`.
    std::optional<std::string> read_stdout_line(std::chrono::milliseconds limit) {
        std::string line;
        const auto deadline = std::chrono::steady_clock::now() + limit;
        char c = 0;
        while (std::chrono::steady_clock::now() < deadline) {
            pollfd ready{out_, POLLIN, 0};
            if (::poll(&ready, 1, 20) == 1) {
                if (::read(out_, &c, 1) != 1) {
                    return std::nullopt;
                }
                if (c == '\n') {
                    return line;
                }
                line += c;
            }
        }
        return std::nullopt;
    }

    // The exit status once the child exits within `limit`; nullopt otherwise (or on a signal).
    std::optional<int> wait_exit(std::chrono::milliseconds limit) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                return WIFEXITED(status) ? std::optional<int>(WEXITSTATUS(status)) : std::nullopt;
            }
            std::this_thread::sleep_for(10ms);
        }
        return std::nullopt;
    }

    // Whatever the child wrote to stderr (call after it exited).
    std::string read_stderr() {
        std::string text;
        char chunk[512];
        ::fcntl(err_, F_SETFL, O_NONBLOCK);
        ssize_t got;
        while ((got = ::read(err_, chunk, sizeof chunk)) > 0) {
            text.append(chunk, static_cast<std::size_t>(got));
        }
        return text;
    }

  private:
    pid_t pid_ = -1;
    int out_ = -1;
    int err_ = -1;
};

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
