#pragma once
// Logger: leveled log lines to a sink. The sinks are thread-safe; the Logger is a cheap handle.
// Secrets registered with redact() are replaced by "***" in every line before any sink sees it.

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace qa {

enum class LogLevel { debug = 0, info = 1, warn = 2, error = 3, off = 4 };

std::string_view to_string(LogLevel level);

class LogSink {
  public:
    virtual ~LogSink() = default;
    virtual void write(LogLevel level, std::string_view line) = 0;  // thread-safe
};

// "2026-11-29T01:20:00.123Z INFO  message" on stderr.
class StderrSink final : public LogSink {
  public:
    void write(LogLevel level, std::string_view line) override;

  private:
    std::mutex mutex_;
};

// Keeps every line in memory; for tests.
class MemorySink final : public LogSink {
  public:
    void write(LogLevel level, std::string_view line) override;
    std::vector<std::string> lines() const;

  private:
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
};

class Logger {
  public:
    // Logs nothing.
    Logger() = default;
    Logger(std::shared_ptr<LogSink> sink, LogLevel threshold);

    void redact(std::string secret);  // empty secrets are ignored
    // The same threshold and secrets, writing to `sink` instead (e.g. a decorator of sink()).
    Logger with_sink(std::shared_ptr<LogSink> sink) const;
    const std::shared_ptr<LogSink>& sink() const noexcept { return sink_; }
    bool enabled(LogLevel level) const noexcept { return sink_ && level >= threshold_; }
    void log(LogLevel level, std::string_view message) const;
    void info(std::string_view message) const { log(LogLevel::info, message); }
    void warn(std::string_view message) const { log(LogLevel::warn, message); }
    void error(std::string_view message) const { log(LogLevel::error, message); }

  private:
    std::shared_ptr<LogSink> sink_;
    LogLevel threshold_ = LogLevel::off;
    std::vector<std::string> secrets_;
};

}  // namespace qa
