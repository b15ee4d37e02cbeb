#include "bench/concurrency_list.hpp"

#include <algorithm>
#include <string>

#include "qa/config/limits.hpp"
#include "qa/config/value_parsers.hpp"

namespace bench {

qa::Expected<std::vector<int>, qa::ConfigError> parse_concurrency_list(std::string_view flag,
                                                                       std::string_view text) {
    constexpr int kMin = qa::limits::kMaxConcurrentCallsMin;
    constexpr int kMax = qa::limits::kMaxConcurrentCallsMax;
    const qa::ConfigError refused{std::string(flag), std::string(text),
                                  "a list of levels or ranges in " + std::to_string(kMin) + ".." +
                                      std::to_string(kMax) + ", e.g. 1,10,50 or 1..50"};
    std::vector<int> levels;
    auto add = [&](int level) {
        if (std::find(levels.begin(), levels.end(), level) == levels.end())
            levels.push_back(level);
    };

    std::string_view rest = text;
    while (true) {
        const auto comma = rest.find(',');
        const std::string_view item = rest.substr(0, comma);
        const auto dots = item.find("..");
        if (dots == std::string_view::npos) {
            const auto level = qa::parse_int_setting(flag, item, kMin, kMax);
            if (!level)
                return qa::Unexpected(refused);
            add(*level);
        } else {
            const auto from = qa::parse_int_setting(flag, item.substr(0, dots), kMin, kMax);
            const auto to = qa::parse_int_setting(flag, item.substr(dots + 2), kMin, kMax);
            if (!from || !to || *from > *to)
                return qa::Unexpected(refused);
            for (int level = *from; level <= *to; ++level)
                add(level);
        }
        if (comma == std::string_view::npos)
            break;
        rest.remove_prefix(comma + 1);
    }
    return levels;
}

}  // namespace bench
