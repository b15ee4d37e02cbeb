// The words the experiments' findings share: a tie margin, numbers as the findings print them,
// variant labels that name the slot policy, and the hold-against-release comparison.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "bench/experiment_findings.hpp"
#include "synthetic_runs.hpp"

namespace bench {
namespace {

using ::testing::HasSubstr;
using testing::RunFigures;
using testing::synthetic_run;

TEST(ExperimentFindings, DifferencesWithinTheMarginAreTies) {
    EXPECT_EQ(lower_of(1.0, 2.0), Lower::first);
    EXPECT_EQ(lower_of(2.0, 1.0), Lower::second);
    EXPECT_EQ(lower_of(1.0, 1.04), Lower::tie);
    EXPECT_EQ(lower_of(0, 0), Lower::tie);
    EXPECT_EQ(lower_of(0, 1), Lower::first);
}

TEST(ExperimentFindings, NumbersAndListsReadAsSentences) {
    EXPECT_EQ(number(10.0, 2), "10");
    EXPECT_EQ(number(0.25, 3), "0.25");
    EXPECT_EQ(number(1200, 1), "1200");
    EXPECT_EQ(percent(0.1), "10%");
    EXPECT_EQ(percent(0.055), "5.5%");
    EXPECT_EQ(spoken_list({"a"}), "a");
    EXPECT_EQ(spoken_list({"a", "b", "c"}), "a, b and c");
    EXPECT_EQ(counted(1, "attempt"), "1 attempt");
    EXPECT_EQ(counted(4, "attempt"), "4 attempts");
    EXPECT_EQ(random_faults_note({}), "");
    EXPECT_EQ(random_faults_note({0.05, 0.02}),
              ", with 5% random 429s and 2% random 500s (--rate-429 and --rate-500)");
}

TEST(ExperimentFindings, ComparedVariantsNameTheirSlotPolicy) {
    const auto pair = both_slot_policies({"fixed 10", 10});
    ASSERT_EQ(pair.size(), 2u);
    EXPECT_TRUE(pair[0].hold_slot);
    EXPECT_FALSE(pair[1].hold_slot);
    EXPECT_EQ(pair[0].label(), "fixed 10, slot held");
    EXPECT_EQ(pair[1].label(), "fixed 10, slot released");
    EXPECT_EQ((Variant{"fixed 5", 5}).label(), "fixed 5");
}

// LLM_* variables set the base settings; what the rows compare is the variant's alone.
TEST(ExperimentFindings, AVariantsSettingsAreItsOwnWhateverTheEnvironmentSays) {
    qa::Settings environment;
    environment.limit_strategy = qa::LimitStrategy::gradient;
    environment.rate_limit_rpm = 60;
    environment.retry_budget = 0.5;
    environment.hold_slot_during_backoff = false;
    environment.max_retries = 7;
    const auto pair = both_slot_policies(
        {"aimd", 10, [](qa::Settings& s) { s.limit_strategy = qa::LimitStrategy::aimd; }});
    const qa::Settings held = pair[0].settings(environment);
    EXPECT_EQ(held.limit_strategy, qa::LimitStrategy::aimd);
    EXPECT_EQ(held.rate_limit_rpm, 0);
    EXPECT_FALSE(held.retry_budget);
    EXPECT_TRUE(held.hold_slot_during_backoff);
    EXPECT_EQ(held.max_retries, 7);  // not compared: the environment's
    EXPECT_FALSE(pair[1].settings(environment).hold_slot_during_backoff);
    EXPECT_EQ((Variant{"fixed 5", 5}).settings(environment).limit_strategy,
              qa::LimitStrategy::fixed);
}

TEST(ExperimentFindings, HoldAgainstReleaseSaysWhoWonEachMeasureAndWhoLostCalls) {
    RunFigures held;
    held.makespan_s = 0.6;
    held.ok = 22;
    held.failed = 69;
    held.status_429 = 639;
    held.median_s = 0.5;
    RunFigures released = held;
    released.makespan_s = 0.16;
    released.median_s = 0.15;
    released.ok = 11;
    released.failed = 80;
    released.status_429 = 720;
    const auto text =
        slot_policy_finding("fixed 10", synthetic_run(held), synthetic_run(released), 0.01);
    EXPECT_THAT(text, HasSubstr("fixed 10, slot held against released during backoff: makespan "
                                "0.600 s (60.00 s) against 0.160 s (16.00 s) (released wins); "
                                "wasted attempts 639 against 720, of them 429s 639 against 720 "
                                "(held wins); total p99"));
    EXPECT_THAT(text, HasSubstr("In this run released wins on makespan and tail latency; held "
                                "on wasted attempts. Held lost fewer calls (69 against 80); both "
                                "lost some, so each makespan includes calls given up on."));

    const auto same = slot_policy_finding("fixed 10", synthetic_run(held), synthetic_run(held), 1);
    EXPECT_THAT(same, HasSubstr("In this run neither policy wins on any of the three. Both lost "
                                "69 calls, so each makespan includes calls given up on."));
}

}  // namespace
}  // namespace bench
