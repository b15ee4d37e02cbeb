#pragma once
// The spread of a level's repeated runs, reported beside the median that stands for them: the
// whole range (min-max) for 2 or 3 runs, the interquartile range for 4 or more, where one
// outlier run would otherwise set the width alone. Pure.

#include <optional>
#include <string>
#include <vector>

namespace bench {

struct Spread {
    std::string kind;  // "min-max" or "IQR"
    double low = 0;
    double high = 0;
    int runs = 0;
};

// nullopt for fewer than 2 values. Quartiles interpolate linearly between the closest ranks
// (numpy's default): the first quartile of {1, 2, 3, 4} is 1.75.
std::optional<Spread> spread_of(std::vector<double> values);

// "0.1234-0.1300 s (min-max of 3)", to `digits` after the point; `dash` joins low and high.
std::string describe(const Spread& spread, int digits, const char* dash = "-");

}  // namespace bench
