// OccurrenceCounter: exact counts for recent bodies, memory bounded by two generations, and a
// body unseen for two generations starting again at 0.
#include <gtest/gtest.h>

#include "occurrence_counter.hpp"

namespace mock_llm {
namespace {

TEST(OccurrenceCounter, CountsEachBodyFromZero) {
    OccurrenceCounter counter;
    EXPECT_EQ(counter.next(7), 0u);
    EXPECT_EQ(counter.next(7), 1u);
    EXPECT_EQ(counter.next(9), 0u);
    EXPECT_EQ(counter.next(7), 2u);
    counter.clear();
    EXPECT_EQ(counter.next(7), 0u);
}

TEST(OccurrenceCounter, MemoryStaysWithinTwoGenerationsHoweverManyBodies) {
    OccurrenceCounter counter(100);
    for (std::uint64_t body = 0; body < 100'000; ++body) {
        ASSERT_EQ(counter.next(body), 0u);
        ASSERT_LE(counter.size(), 200u);
    }
}

TEST(OccurrenceCounter, ARecentBodyKeepsItsCountAcrossAGenerationChange) {
    OccurrenceCounter counter(4);
    EXPECT_EQ(counter.next(1), 0u);
    EXPECT_EQ(counter.next(1), 1u);
    for (std::uint64_t body = 100; body < 104; ++body)  // fills the generation: 1 moves back
        counter.next(body);
    EXPECT_EQ(counter.next(1), 2u) << "a retry seconds later must get the next occurrence";
    EXPECT_EQ(counter.next(1), 3u);
}

TEST(OccurrenceCounter, ABodyUnseenForTwoGenerationsStartsAgain) {
    OccurrenceCounter counter(4);
    EXPECT_EQ(counter.next(1), 0u);
    for (std::uint64_t body = 100; body < 120; ++body)
        counter.next(body);
    EXPECT_EQ(counter.next(1), 0u);
}

}  // namespace
}  // namespace mock_llm
