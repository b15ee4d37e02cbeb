#pragma once
// What a call is, judged by its dotted target alone ("self.assertEqual", "time.sleep"): the
// vocabulary every rule shares, so two rules never disagree about what counts as an assertion.

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace qa::detail {

enum class CallKind : std::uint8_t {
    other,
    assertion,     // assert statements' call forms: self.assertX, m.assert_called_once, eq_
    fail,          // pytest.fail, self.fail, fail
    raises,        // pytest.raises / warns / deprecated_call (context or call form)
    sleep,         // time.sleep, asyncio.sleep and the like
    print,         // print, pprint
    skip,          // pytest.skip, pytest.xfail, self.skipTest
    mock,          // anything from the mocking vocabulary (patch, Mock, mocker, monkeypatch)
    io,            // files, network, processes, environment, databases
    check_helper,  // check_x, verify_x, expect_x...: a helper that may assert
};

CallKind classify_call(std::string_view dotted);

// classify_call with a memory: test files call the same few targets again and again
// (self.assertEqual, make_order), and a lookup costs less than the word sets. The kind
// depends on the text alone, so the cache holds across files. Not thread-safe; one per engine.
class CallKindCache {
  public:
    CallKind classify(std::string_view dotted);

  private:
    struct Hash {
        using is_transparent = void;
        // Call targets are short and differ at their ends ("self.assertEqual", "mock.patch"):
        // the length and the first and last eight bytes tell them apart well enough, in
        // constant time (a collision only costs a comparison).
        std::size_t operator()(std::string_view text) const noexcept {
            const std::size_t n = text.size();
            if (n == 0)
                return 0;  // an empty view may have no data() to copy from
            std::uint64_t head = 0;
            std::uint64_t tail = 0;
            std::memcpy(&head, text.data(), n < 8 ? n : 8);
            if (n > 8)
                std::memcpy(&tail, text.data() + n - 8, 8);
            const std::uint64_t mixed =
                head * 0x9E3779B97F4A7C15ull ^ (tail + n) * 0xC2B2AE3D27D4EB4Full;
            return static_cast<std::size_t>(mixed ^ (mixed >> 29));
        }
    };
    // Distinct targets kept; past it the cache starts over (a bound, not an LRU).
    static constexpr std::size_t kMaxEntries = 4096;
    std::unordered_map<std::string, CallKind, Hash, std::equal_to<>> kinds_;
};

// The last and first components of a dotted name.
std::string_view last_component(std::string_view dotted);
std::string_view first_component(std::string_view dotted);

// assertRaises, assertRaisesRegex, assertWarns, assertWarnsRegex, assertLogs...: unittest's
// context-manager asserts, which (like pytest.raises) wrap the code they check.
bool is_unittest_raises(std::string_view dotted);

}  // namespace qa::detail
