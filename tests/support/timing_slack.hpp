#pragma once
// How much looser a timing bound is in a sanitizer build. There the client and the server
// spend several times the CPU on each call (TSan about 1 ms where Release spends 30 us), ctest
// runs two tests at once on a two-core machine, and an in-process mock shares those cores with
// the client: the CPU a call needs is no longer small against a scaled-down latency. A bound
// that allows x over the ideal in Release allows x * kTimingSlack there. Release bounds stay as
// they are; the sanitizer runs are there for memory and thread errors, not for speed.

#ifndef QA_SANITIZER_BUILD
#error "QA_SANITIZER_BUILD comes from qa_add_gtest (tests/CMakeLists.txt)"
#endif

namespace qa::testing {

inline constexpr double kTimingSlack = QA_SANITIZER_BUILD ? 3.0 : 1.0;

}  // namespace qa::testing
