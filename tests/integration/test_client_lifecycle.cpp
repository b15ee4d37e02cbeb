// What the client leaves behind when its calls are done: no pending work on the io_context (so
// io_context::run() returns with the calls, not when their per-attempt deadlines would have
// passed), and warm connections that the next phase reuses.
#include "phase_fixture.hpp"

namespace qa::test {
namespace {

using namespace std::chrono_literals;

TEST_F(MockBackedTest, AFinishedPhaseLeavesNoWorkUntilItsDeadlines) {
    start_mock({});
    Settings settings = fast_settings(10);
    settings.base_url = base_url();
    settings.call_timeout = std::chrono::seconds(600);  // a deadline no test run could wait out
    auto rig = RunnerRig::make(settings);
    ASSERT_TRUE(rig);
    const auto tasks = numbered_tasks(40);

    for (int phase = 0; phase < 2; ++phase) {
        const auto started = SteadyClock::now();
        // run_bounded runs the io_context until it has no work left (or the bound passes).
        const auto result =
            run_bounded(rig->ioc, run_parallel_calls(*rig->runner, tasks, Logger()), 300s);
        const auto took = SteadyClock::now() - started;
        ASSERT_TRUE(result);
        EXPECT_EQ(result->successful, 40u);
        EXPECT_LT(took, 60s) << "run() waited for the calls' deadlines in phase " << phase;
        rig->ioc.restart();
    }
    EXPECT_LE(rig->client->pool().connections_opened(), 10u)
        << "the second phase reused no connection";
}

}  // namespace
}  // namespace qa::test
