#include "bench/cpu_pressure.hpp"

#include <charconv>
#include <fstream>
#include <iterator>
#include <string>

namespace bench {

std::optional<std::uint64_t> parse_cpu_pressure_total_us(std::string_view text) {
    // "some avg10=0.00 avg60=0.00 avg300=0.00 total=11307416352", then a "full" line.
    for (std::size_t line_start = 0; line_start < text.size();) {
        const std::size_t line_end = std::min(text.find('\n', line_start), text.size());
        const std::string_view line = text.substr(line_start, line_end - line_start);
        line_start = line_end + 1;
        if (!line.starts_with("some "))
            continue;
        constexpr std::string_view kTotal = " total=";
        const std::size_t at = line.find(kTotal);
        if (at == std::string_view::npos)
            return std::nullopt;
        const char* first = line.data() + at + kTotal.size();
        const char* last = line.data() + line.size();
        std::uint64_t total = 0;
        const auto [end, error] = std::from_chars(first, last, total);
        if (error != std::errc{} || end == first || (end != last && *end != ' '))
            return std::nullopt;
        return total;
    }
    return std::nullopt;
}

std::optional<std::uint64_t> cpu_pressure_total_us() {
    std::ifstream file("/proc/pressure/cpu");
    if (!file)
        return std::nullopt;
    const std::string text{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    return parse_cpu_pressure_total_us(text);
}

}  // namespace bench
