// The command line a report records: paths as typed relative to the working directory, so a
// committed report carries no machine's directories.
#include <gtest/gtest.h>

#include "bench/recorded_command.hpp"

namespace bench {
namespace {

TEST(RecordedCommand, AnAbsolutePathInTheWorkingDirectoryIsWrittenRelativeToIt) {
    EXPECT_EQ(recorded_command(
                  {"build/bin/qa-bench", "run", "--out", "/work/main/results/baseline/seed-38x91"},
                  "/work/main"),
              "build/bin/qa-bench run --out results/baseline/seed-38x91");
    EXPECT_EQ(recorded_command({"qa-bench", "run", "--out=/work/main/./results/x/"}, "/work/main/"),
              "qa-bench run --out=results/x/");
}

TEST(RecordedCommand, OtherArgumentsStayAsTyped) {
    EXPECT_EQ(recorded_command({"build/bin/qa-bench", "run", "--out", "/tmp/x", "--concurrency",
                                "1,10", "--llm-url", "http://127.0.0.1:1/work/main"},
                               "/work/main"),
              "build/bin/qa-bench run --out /tmp/x --concurrency 1,10 --llm-url "
              "http://127.0.0.1:1/work/main");
    EXPECT_EQ(recorded_command({"qa-bench", "run", "--out", "/work/mainline/x"}, "/work/main"),
              "qa-bench run --out /work/mainline/x");
    EXPECT_EQ(recorded_command({"qa-bench", "run", "--out", "/work/main/x"}, ""),
              "qa-bench run --out /work/main/x");
}

TEST(RecordedCommand, AProgramFoundElsewhereIsRecordedByItsName) {
    EXPECT_EQ(recorded_command({"/usr/local/bin/qa-bench", "run"}, "/work/main"), "qa-bench run");
    EXPECT_EQ(recorded_command({"/work/main/build/bin/qa-bench", "run"}, "/work/main"),
              "build/bin/qa-bench run");
}

}  // namespace
}  // namespace bench
