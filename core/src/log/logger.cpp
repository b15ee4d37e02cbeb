#include "qa/log/logger.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "support/redact.hpp"

namespace qa {

std::string_view to_string(LogLevel level) {
    switch (level) {
        case LogLevel::debug:
            return "DEBUG";
        case LogLevel::info:
            return "INFO";
        case LogLevel::warn:
            return "WARN";
        case LogLevel::error:
            return "ERROR";
        case LogLevel::off:
            return "OFF";
    }
    return "?";
}

void StderrSink::write(LogLevel level, std::string_view line) {
    const auto now = std::chrono::system_clock::now();
    const auto seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &utc);
    const std::lock_guard lock(mutex_);
    std::fprintf(stderr, "%s.%03dZ %-5s %.*s\n", stamp, static_cast<int>(millis),
                 to_string(level).data(), static_cast<int>(line.size()), line.data());
}

void MemorySink::write(LogLevel level, std::string_view line) {
    const std::lock_guard lock(mutex_);
    lines_.push_back(std::string(to_string(level)) + " " + std::string(line));
}

std::vector<std::string> MemorySink::lines() const {
    const std::lock_guard lock(mutex_);
    return lines_;
}

Logger::Logger(std::shared_ptr<LogSink> sink, LogLevel threshold)
    : sink_(std::move(sink)), threshold_(threshold) {}

void Logger::redact(std::string secret) {
    if (!secret.empty())
        secrets_.push_back(std::move(secret));
}

Logger Logger::with_sink(std::shared_ptr<LogSink> sink) const {
    Logger copy = *this;
    copy.sink_ = std::move(sink);
    return copy;
}

void Logger::log(LogLevel level, std::string_view message) const {
    if (!enabled(level))
        return;
    if (secrets_.empty()) {
        sink_->write(level, message);
        return;
    }
    std::string line(message);
    for (const auto& secret : secrets_)
        support::redact_in_place(line, secret);
    sink_->write(level, line);
}

}  // namespace qa
