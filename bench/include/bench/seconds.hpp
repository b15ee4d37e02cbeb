#pragma once
// Durations as the reports write them: seconds, as a double.

#include <chrono>

namespace bench {

template <class Rep, class Period>
double seconds(std::chrono::duration<Rep, Period> value) {
    return std::chrono::duration<double>(value).count();
}

}  // namespace bench
