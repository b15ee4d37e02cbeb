// CPU pressure: /proc/pressure/cpu's "some" total read exactly (and nothing from a text of another
// shape), and a level during which tasks waited for a CPU for a tenth of its makespan or more is
// noted in the table, the others not.
#include <gtest/gtest.h>

#include <sstream>

#include "bench/cpu_pressure.hpp"
#include "bench/report.hpp"
#include "text_has.hpp"

namespace bench {
namespace {

using qa::test::has;

TEST(CpuPressure, ReadsTheSomeLinesTotal) {
    EXPECT_EQ(
        parse_cpu_pressure_total_us("some avg10=1.95 avg60=8.77 avg300=32.19 total=11307416352\n"
                                    "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"),
        11307416352u);
    // The "full" line may come first in another kernel's order; only "some" counts.
    EXPECT_EQ(parse_cpu_pressure_total_us("full avg10=0.00 total=7\nsome avg10=0.00 total=42"),
              42u);
}

TEST(CpuPressure, AnotherShapeReadsAsNothing) {
    for (const char* text :
         {"", "\n", "full avg10=0.00 total=7\n", "some avg10=1.00\n", "some total=\n",
          "some avg10=0.00 total=12x\n", "some avg10=0.00 total=-5\n",
          "some avg10=0.00 total=99999999999999999999999\n", "somewhere total=5\n"}) {
        EXPECT_FALSE(parse_cpu_pressure_total_us(text)) << text;
    }
}

TEST(CpuPressure, ThisMachinesCountOnlyGrows) {
    const auto before = cpu_pressure_total_us();
    if (!before)
        GTEST_SKIP() << "this kernel has no /proc/pressure/cpu";
    const auto after = cpu_pressure_total_us();
    ASSERT_TRUE(after);
    EXPECT_GE(*after, *before);
}

LevelResult level(int concurrency, double makespan_s, std::optional<double> pressure_s) {
    LevelResult run;
    run.concurrency = concurrency;
    run.makespan_s = makespan_s;
    run.lower_bound_s = 0.01;
    run.ratio = makespan_s / run.lower_bound_s;
    run.cpu_pressure_s = pressure_s;
    return run;
}

TEST(CpuPressure, OnlyAContendedLevelIsNoted) {
    EXPECT_EQ(contention_note(level(50, 0.0115, 0.004)),
              "limit 50 (fixed): tasks on this machine waited 4.0 ms for a CPU during the run "
              "(35% of its makespan); its ratio may owe part to that");
    EXPECT_FALSE(contention_note(level(50, 0.0115, 0.0011)));  // under a tenth
    EXPECT_FALSE(contention_note(level(50, 0.0115, std::nullopt)));

    RunReport report;
    report.scenario = *find_scenario("seed-38x91");
    report.runs = {level(10, 0.051, 0.0002), level(50, 0.0115, 0.004)};
    std::ostringstream table;
    write_table(table, report);
    EXPECT_TRUE(has(table.str(), "\nnote: limit 50 (fixed): tasks on this machine waited 4.0 ms"))
        << table.str();
    EXPECT_FALSE(has(table.str(), "note: limit 10")) << table.str();
}

}  // namespace
}  // namespace bench
