#include "mock_llm/token_bucket.hpp"

#include <algorithm>
#include <cmath>

#include "mock_llm/json_text.hpp"

namespace mock_llm {

void TokenBucket::refill(Clock::time_point now) noexcept {
    if (now <= updated_) {
        return;
    }
    const double seconds = std::chrono::duration<double>(now - updated_).count();
    level_ = std::min(capacity_, level_ + seconds * per_second_);
    updated_ = now;
}

void TokenBucket::take(double amount) noexcept {
    level_ = std::max(-capacity_, level_ - amount);
}

void TokenBucket::give(double amount) noexcept {
    level_ = std::min(capacity_, level_ + amount);
}

std::chrono::microseconds TokenBucket::time_until(double amount) const noexcept {
    if (level_ >= amount || per_second_ <= 0) {
        return std::chrono::microseconds(0);
    }
    return std::chrono::microseconds(
        static_cast<std::int64_t>(std::ceil((amount - level_) / per_second_ * 1e6)));
}

std::string format_reset_duration(std::chrono::microseconds duration) {
    std::string out;
    const auto micros = std::max<std::int64_t>(0, duration.count());
    if (micros == 0) {
        return "0s";
    }
    if (micros < 1'000'000) {
        append_integer(out, std::max<std::int64_t>(1, (micros + 999) / 1000));
        out += "ms";
        return out;
    }
    // Whole milliseconds, rounded up, then h/m/s as Go prints them.
    const std::int64_t millis = (micros + 999) / 1000;
    const std::int64_t hours = millis / 3'600'000;
    const std::int64_t minutes = millis / 60'000 % 60;
    const std::int64_t seconds = millis / 1000 % 60;
    const std::int64_t fraction = millis % 1000;
    if (hours > 0) {
        append_integer(out, hours);
        out += 'h';
    }
    if (hours > 0 || minutes > 0) {
        append_integer(out, minutes);
        out += 'm';
    }
    append_integer(out, seconds);
    if (fraction != 0) {
        std::string digits;
        append_integer(digits, fraction + 1000);  // "1xyz": keeps the leading zeros
        digits.erase(0, 1);
        while (digits.back() == '0') {
            digits.pop_back();
        }
        out += '.';
        out += digits;
    }
    out += 's';
    return out;
}

}  // namespace mock_llm
