// The journal's ring (newest replaces oldest) and its JSON form, written as text without a DOM:
// every field of every kind of record must come out as the documented JSON.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "mock_llm/journal.hpp"

namespace mock_llm {
namespace {

JournalRecord record(std::uint64_t seq) {
    JournalRecord r;
    r.seq = seq;
    r.endpoint = Endpoint::chat_completions;
    r.arrival_us = 10 * static_cast<std::int64_t>(seq);
    r.start_us = r.arrival_us + 1;
    r.end_us = r.arrival_us + 5000;
    r.status = 200;
    return r;
}

TEST(Journal, EveryFieldIsWrittenAsDocumented) {
    Journal journal(4);
    JournalRecord plain = record(1);
    plain.body_hash = 0x0123456789abcdefULL;
    journal.add(plain);

    JournalRecord faulted = record(2);
    faulted.endpoint = Endpoint::models;
    faulted.status = 429;
    faulted.fault = FaultKind::status;
    faulted.fault_status = 429;
    faulted.fault_source = FaultSource::script;
    faulted.retry_count = 2;
    faulted.body_hash = 0xf;  // leading zeros are kept: always 16 digits
    faulted.occurrence = 3;
    journal.add(faulted);

    JournalRecord hung = record(3);
    hung.end_us = -1;  // negative numbers too
    hung.status = 499;
    hung.fault = FaultKind::hang;
    hung.fault_source = FaultSource::chaos;
    hung.occurrence = UINT64_MAX;
    journal.add(hung);

    const auto document = nlohmann::json::parse(journal_json(journal));
    EXPECT_EQ(document["capacity"], 4);
    EXPECT_EQ(document["dropped"], 0);
    ASSERT_EQ(document["records"].size(), 3u);

    const auto& first = document["records"][0];
    EXPECT_EQ(first, nlohmann::json::parse(R"({"seq":1,"endpoint":"chat_completions",
        "arrival_us":10,"start_us":11,"end_us":5010,"status":200,"fault":null,
        "fault_source":null,"retry_count":null,"body_hash":"0123456789abcdef","occurrence":0})"));
    const auto& second = document["records"][1];
    EXPECT_EQ(second["endpoint"], "models");
    EXPECT_EQ(second["fault"], "429");
    EXPECT_EQ(second["fault_source"], "script");
    EXPECT_EQ(second["retry_count"], 2);
    EXPECT_EQ(second["body_hash"], "000000000000000f");
    EXPECT_EQ(second["occurrence"], 3);
    const auto& third = document["records"][2];
    EXPECT_EQ(third["end_us"], -1);
    EXPECT_EQ(third["status"], 499);
    EXPECT_EQ(third["fault"], "hang");
    EXPECT_EQ(third["fault_source"], "chaos");
    EXPECT_EQ(third["occurrence"].get<std::uint64_t>(), UINT64_MAX);
}

TEST(Journal, TheNewestReplaceTheOldestAndAreCountedAsDropped) {
    Journal journal(2);
    for (std::uint64_t seq = 1; seq <= 5; ++seq)
        journal.add(record(seq));
    const auto document = nlohmann::json::parse(journal_json(journal));
    EXPECT_EQ(document["capacity"], 2);
    EXPECT_EQ(document["dropped"], 3);
    ASSERT_EQ(document["records"].size(), 2u);
    EXPECT_EQ(document["records"][0]["seq"], 4);
    EXPECT_EQ(document["records"][1]["seq"], 5);
}

TEST(Journal, AnEmptyOrDisabledJournalIsAnEmptyList) {
    EXPECT_EQ(journal_json(Journal(3)), R"({"capacity":3,"dropped":0,"records":[]})");
    Journal off(0);
    off.add(record(1));
    EXPECT_EQ(journal_json(off), R"({"capacity":0,"dropped":0,"records":[]})");
}

}  // namespace
}  // namespace mock_llm
