// The machine probe: real timerfd waits and cross-thread wake-ups give figures a report can
// carry, a summary's "machine" reads back (or reads as absent when malformed), and compare speaks
// up only when two machines woke threads at clearly different speeds.
#include <gtest/gtest.h>

#include "bench/machine_probe.hpp"

namespace bench {
namespace {

TEST(MachineProbe, MeasuresRealWakeUps) {
    // Any CPU for the waking thread, and CPU 0 (which every machine has).
    for (const std::optional<int> waker : {std::optional<int>(), std::optional<int>(0)}) {
        const auto probe = probe_machine_blocking(waker, 5);
        ASSERT_TRUE(probe) << probe.error();
        EXPECT_EQ(probe->samples, 5);
        // A timerfd never fires before its time, and a write comes before its wake-up.
        EXPECT_GE(probe->timer_late_p50_us, 0);
        EXPECT_GE(probe->timer_late_p90_us, probe->timer_late_p50_us);
        EXPECT_GE(probe->wake_p50_us, 0);
        EXPECT_GE(probe->wake_p90_us, probe->wake_p50_us);
    }
}

TEST(MachineProbe, ASummaryCarriesItAndReadsItBack) {
    const MachineProbe probe{40, 33.5, 38.5, 8.7, 11.0};
    const nlohmann::json summary{{"scenario", "seed-5x7"}, {"machine", to_json(probe)}};
    EXPECT_EQ(summary["machine"]["timer_late_us"]["p90"], 38.5);
    EXPECT_TRUE(summary["machine"]["method"].is_string());
    const auto read = machine_probe_of(summary);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->samples, 40);
    EXPECT_DOUBLE_EQ(read->timer_late_p50_us, 33.5);
    EXPECT_DOUBLE_EQ(read->timer_late_p90_us, 38.5);
    EXPECT_DOUBLE_EQ(read->wake_p50_us, 8.7);
    EXPECT_DOUBLE_EQ(read->wake_p90_us, 11.0);
    EXPECT_EQ(describe(probe),
              "a 1 ms timer ran 34 us late, a woken thread 9 us after the wake-up "
              "(medians of 40; 90th percentiles 38 and 11 us)");
}

TEST(MachineProbe, AMalformedOrMissingProbeReadsAsAbsent) {
    const auto with = [](nlohmann::json machine) {
        return nlohmann::json{{"machine", std::move(machine)}};
    };
    const MachineProbe probe{40, 33.5, 38.5, 8.7, 11.0};
    nlohmann::json negative = to_json(probe);
    negative["wake_us"]["p50"] = -1;
    nlohmann::json no_samples = to_json(probe);
    no_samples["samples"] = 0;
    nlohmann::json text = to_json(probe);
    text["timer_late_us"]["p90"] = "38";
    nlohmann::json missing = to_json(probe);
    missing.erase("wake_us");
    for (const auto& summary :
         {nlohmann::json::object(), with(nullptr), with(negative), with(no_samples), with(text),
          with(missing), nlohmann::json::array()}) {
        EXPECT_FALSE(machine_probe_of(summary)) << summary.dump();
    }
}

TEST(MachineProbe, CompareNotesOnlyClearlyDifferentMachines) {
    const MachineProbe quiet{40, 30, 40, 10, 15};
    // Close, or far apart as a ratio but by a few microseconds: nothing to say.
    EXPECT_FALSE(machine_difference(quiet, quiet));
    EXPECT_FALSE(machine_difference(quiet, MachineProbe{40, 40, 60, 14, 20}));
    EXPECT_FALSE(machine_difference(quiet, MachineProbe{40, 30, 40, 25, 30}));
    // A run on a machine whose threads woke 100 us late against 10.
    const auto slower = machine_difference(quiet, MachineProbe{40, 35, 50, 100, 150});
    ASSERT_TRUE(slower);
    EXPECT_NE(slower->find("a woken thread's delay: 100 us in the run, 10 us in the baseline "
                           "(slower)"),
              std::string::npos)
        << *slower;
    EXPECT_EQ(slower->find("timer"), std::string::npos) << *slower;
    // Both, the other way round.
    const auto faster = machine_difference(MachineProbe{40, 150, 200, 100, 150}, quiet);
    ASSERT_TRUE(faster);
    EXPECT_NE(faster->find("a 1 ms timer's lateness: 30 us in the run, 150 us in the baseline "
                           "(faster); a woken thread's delay: 10 us in the run, 100 us"),
              std::string::npos)
        << *faster;
}

}  // namespace
}  // namespace bench
