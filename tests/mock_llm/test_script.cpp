// ScriptBook without sockets: "the first N", "every k-th" and time windows, counted globally,
// per API key or per header value; every rule counts every request of its key; the first rule
// that fires wins; requests without the key are neither counted nor faulted.
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "mock_llm/limits.hpp"
#include "mock_llm/script.hpp"

namespace mock_llm {
namespace {

using namespace std::chrono_literals;

FaultSpec status(int code) {
    FaultSpec fault;
    fault.kind = FaultKind::status;
    fault.status = code;
    return fault;
}

FaultSpec named(FaultKind kind) {
    FaultSpec fault;
    fault.kind = kind;
    return fault;
}

// Headers from a map, for header-keyed rules.
struct FakeHeaders {
    std::map<std::string, std::string> fields;

    RequestHeaders view() const {
        RequestHeaders headers;
        if (const auto found = fields.find("authorization"); found != fields.end()) {
            headers.authorization = found->second;
        }
        headers.other.fields = this;
        headers.other.find = [](const void* self, std::string_view name) -> std::string_view {
            const auto& map = static_cast<const FakeHeaders*>(self)->fields;
            const auto found = map.find(std::string(name));
            return found == map.end() ? std::string_view{} : std::string_view(found->second);
        };
        return headers;
    }
};

// The status (0 for none, -1 for another fault) of n requests in a row.
std::vector<int> run(ScriptBook& book, const RequestHeaders& headers, int n,
                     std::chrono::microseconds at = 0us) {
    std::vector<int> out;
    for (int i = 0; i < n; ++i) {
        const FaultSpec* fault = book.decide(headers, at);
        out.push_back(fault == nullptr ? 0 : fault->kind == FaultKind::status ? fault->status : -1);
    }
    return out;
}

TEST(Script, FirstNThenNothing) {
    ScriptRule rule;
    rule.first = 2;
    rule.fault = status(429);
    ScriptBook book({rule});
    EXPECT_EQ(run(book, {}, 4), (std::vector<int>{429, 429, 0, 0}));
    book.clear_counts();
    EXPECT_EQ(run(book, {}, 3), (std::vector<int>{429, 429, 0}));
}

TEST(Script, EveryKth) {
    ScriptRule rule;
    rule.every = 3;
    rule.fault = named(FaultKind::hang);
    ScriptBook book({rule});
    EXPECT_EQ(run(book, {}, 7), (std::vector<int>{0, 0, -1, 0, 0, -1, 0}));
}

TEST(Script, WindowIsHalfOpen) {
    ScriptRule rule;
    rule.from = 10s;
    rule.to = 20s;
    rule.fault = status(503);
    ScriptBook book({rule});
    EXPECT_EQ(run(book, {}, 1, 9'999'999us), std::vector<int>{0});
    EXPECT_EQ(run(book, {}, 1, 10s), std::vector<int>{503});
    EXPECT_EQ(run(book, {}, 1, 19'999'999us), std::vector<int>{503});
    EXPECT_EQ(run(book, {}, 1, 20s), std::vector<int>{0});
}

TEST(Script, PerHeaderKeyCountsEachKeyApartAndSkipsRequestsWithoutIt) {
    ScriptRule rule;
    rule.scope = ScriptScope::header;
    rule.header = "x-mock-key";
    rule.first = 1;
    rule.fault = status(500);
    ScriptBook book({rule});
    const FakeHeaders a{{{"x-mock-key", "a"}}};
    const FakeHeaders b{{{"x-mock-key", "b"}}};
    const FakeHeaders none;
    EXPECT_EQ(run(book, none.view(), 2), (std::vector<int>{0, 0}));
    EXPECT_EQ(run(book, a.view(), 2), (std::vector<int>{500, 0}));
    EXPECT_EQ(run(book, b.view(), 2), (std::vector<int>{500, 0}));
}

TEST(Script, PerApiKey) {
    ScriptRule rule;
    rule.scope = ScriptScope::api_key;
    rule.first = 1;
    rule.fault = status(401);
    ScriptBook book({rule});
    const FakeHeaders one{{{"authorization", "Bearer sk-one"}}};
    const FakeHeaders two{{{"authorization", "bearer sk-two"}}};
    EXPECT_EQ(run(book, one.view(), 2), (std::vector<int>{401, 0}));
    EXPECT_EQ(run(book, two.view(), 2), (std::vector<int>{401, 0}));
    EXPECT_EQ(run(book, FakeHeaders{{{"authorization", "Basic x"}}}.view(), 1),
              std::vector<int>{0});
}

TEST(Script, EveryRuleCountsAndTheFirstThatFiresWins) {
    ScriptRule first_two;
    first_two.first = 2;
    first_two.fault = status(429);
    ScriptRule every_second;
    every_second.every = 2;
    every_second.fault = status(503);
    ScriptBook book({first_two, every_second});
    // Request 2 fires both: the first rule wins; request 4 is every_second's 4th, not its 2nd.
    EXPECT_EQ(run(book, {}, 5), (std::vector<int>{429, 429, 0, 503, 0}));
}

TEST(Script, KeysPastTheLimitShareOneCount) {
    ScriptRule rule;
    rule.scope = ScriptScope::header;
    rule.header = "x-mock-key";
    rule.first = 1;
    rule.fault = status(500);
    ScriptBook book({rule});
    FakeHeaders headers;
    for (std::size_t i = 0; i < kMaxScriptKeys; ++i) {
        headers.fields["x-mock-key"] = "key " + std::to_string(i);
        ASSERT_EQ(run(book, headers.view(), 1), std::vector<int>{500});
    }
    headers.fields["x-mock-key"] = "one more";
    EXPECT_EQ(run(book, headers.view(), 1), std::vector<int>{500});  // the overflow's first
    headers.fields["x-mock-key"] = "and another";
    EXPECT_EQ(run(book, headers.view(), 1), std::vector<int>{0});  // its second
}

}  // namespace
}  // namespace mock_llm
