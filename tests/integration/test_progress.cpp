// The progress of a run's steps on stderr: plain lines off a terminal, a bar redrawn in place on
// one, and log lines that clear the bar instead of running into it.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "bench/progress.hpp"
#include "qa/log/logger.hpp"

namespace bench {
namespace {

std::string captured(bool terminal, bool enabled) {
    char* buffer = nullptr;
    std::size_t size = 0;
    std::FILE* out = ::open_memstream(&buffer, &size);
    {
        Progress progress(2, enabled, terminal, out);
        progress.start("seed-38x91 fixed limit 1");
        progress.finish("makespan 0.5 s");
        progress.start("seed-38x91 fixed limit 10");
        progress.finish("makespan 0.05 s");
        progress.close();
    }
    std::fclose(out);
    std::string text(buffer, size);
    std::free(buffer);
    return text;
}

TEST(Progress, PlainLinesWhenNotATerminal) {
    EXPECT_EQ(captured(false, true),
              "qa-bench: [1/2] seed-38x91 fixed limit 1: makespan 0.5 s\n"
              "qa-bench: [2/2] seed-38x91 fixed limit 10: makespan 0.05 s\n");
    EXPECT_EQ(captured(false, false), "");
    EXPECT_EQ(captured(true, false), "");
}

// A sink writing to the progress's own stream, as the logger's stderr sink shares the terminal.
class StreamSink final : public qa::LogSink {
  public:
    explicit StreamSink(std::FILE* out) : out_(out) {}
    void write(qa::LogLevel, std::string_view line) override {
        std::fprintf(out_, "%.*s\n", static_cast<int>(line.size()), line.data());
    }

  private:
    std::FILE* out_;
};

TEST(Progress, LogLinesClearTheBarAndTheBarComesBack) {
    char* buffer = nullptr;
    std::size_t size = 0;
    std::FILE* out = ::open_memstream(&buffer, &size);
    {
        Progress progress(2, true, true, out);
        const qa::Logger log =
            progress.around(qa::Logger(std::make_shared<StreamSink>(out), qa::LogLevel::info));
        progress.start("seed-38x91 fixed limit 1");
        log.info("Starting parallel LLM analysis: tasks=91, max_concurrent=1");
        progress.finish("makespan 0.5 s");
        progress.close();
    }
    std::fclose(out);
    const std::string text(buffer, size);
    std::free(buffer);
    const std::string bar = "\r[....................] 1/2 seed-38x91 fixed limit 1\033[K";
    // The bar, its line emptied, the log line from column 0, then the bar again.
    EXPECT_NE(text.find(bar +
                        "\r\033[KStarting parallel LLM analysis: tasks=91, "
                        "max_concurrent=1\n" +
                        bar),
              std::string::npos)
        << text;
    // Off a terminal the logger is left as it was.
    const qa::Logger plain(std::make_shared<qa::MemorySink>(), qa::LogLevel::info);
    Progress piped(1, true, false, stderr);
    EXPECT_EQ(piped.around(plain).sink(), plain.sink());
}

TEST(Progress, ABarRedrawnInPlaceOnATerminal) {
    const auto text = captured(true, true);
    EXPECT_NE(text.find("\r[....................] 1/2 seed-38x91 fixed limit 1\033[K"),
              std::string::npos)
        << text;
    // A finished step stays as its own line; the bar moves on below it.
    EXPECT_NE(text.find("\r[1/2] seed-38x91 fixed limit 1: makespan 0.5 s\033[K\n"),
              std::string::npos);
    EXPECT_NE(text.find("\r[##########..........] 1/2\033[K"), std::string::npos) << text;
    // The last step ends the output: no bar left behind.
    const std::string last = "[2/2] seed-38x91 fixed limit 10: makespan 0.05 s\033[K\n";
    EXPECT_EQ(text.substr(text.size() - last.size()), last);
    EXPECT_EQ(Progress::bar(1, 4, 8), "[##......]");
    EXPECT_EQ(Progress::bar(4, 4, 8), "[########]");
}

}  // namespace
}  // namespace bench
