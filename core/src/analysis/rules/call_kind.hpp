#pragma once
// What a call is, judged by its dotted target alone ("self.assertEqual", "time.sleep"): the
// vocabulary every rule shares, so two rules never disagree about what counts as an assertion.

#include <cstdint>
#include <string_view>

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

// The last and first components of a dotted name.
std::string_view last_component(std::string_view dotted);
std::string_view first_component(std::string_view dotted);

// assertRaises, assertRaisesRegex, assertWarns, assertWarnsRegex, assertLogs...: unittest's
// context-manager asserts, which (like pytest.raises) wrap the code they check.
bool is_unittest_raises(std::string_view dotted);

}  // namespace qa::detail
