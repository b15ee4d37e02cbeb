#include <gtest/gtest.h>

#include "qa/config/value_parsers.hpp"

namespace qa {
namespace {

TEST(ParseIntSetting, AcceptsValuesInRange) {
    EXPECT_EQ(*parse_int_setting("V", "1", 1, 50), 1);
    EXPECT_EQ(*parse_int_setting("V", "50", 1, 50), 50);
    EXPECT_EQ(*parse_int_setting("V", "-3", -5, 5), -3);
}

class RefusedInt : public ::testing::TestWithParam<const char*> {};

TEST_P(RefusedInt, NamesVariableValueAndRange) {
    const auto parsed = parse_int_setting("LLM_MAX_CONCURRENT_CALLS", GetParam(), 1, 50);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().variable, "LLM_MAX_CONCURRENT_CALLS");
    EXPECT_EQ(parsed.error().value, GetParam());
    EXPECT_EQ(parsed.error().message(), std::string("LLM_MAX_CONCURRENT_CALLS=\"") + GetParam() +
                                            "\" is invalid: allowed is an integer in 1..50");
}

INSTANTIATE_TEST_SUITE_P(BadValues, RefusedInt,
                         ::testing::Values("0", "51", "-1", "ten", "", "10abc", " 10", "10 ", "1e1",
                                           "99999999999999999999", "+5", "0x10"));

TEST(ParseDoubleSetting, AcceptsDecimalsAndRefusesJunk) {
    EXPECT_DOUBLE_EQ(*parse_double_setting("T", "0.5", 0.001, 10), 0.5);
    EXPECT_DOUBLE_EQ(*parse_double_setting("T", "10", 0.001, 10), 10.0);
    for (const char* bad : {"", "abc", "1.5s", "nan", "inf", "0", "10.01", "-1", "1e3"}) {
        const auto parsed = parse_double_setting("LLM_TIMEOUT_S", bad, 0.001, 10);
        ASSERT_FALSE(parsed) << bad;
        EXPECT_EQ(parsed.error().allowed, "a number in 0.001..10") << bad;
    }
}

TEST(ParseBoolSetting, KnowsTheUsualSpellings) {
    EXPECT_TRUE(*parse_bool_setting("B", "true"));
    EXPECT_TRUE(*parse_bool_setting("B", "1"));
    EXPECT_FALSE(*parse_bool_setting("B", "off"));
    EXPECT_FALSE(parse_bool_setting("B", "maybe"));
    EXPECT_FALSE(parse_bool_setting("B", ""));
}

}  // namespace
}  // namespace qa
