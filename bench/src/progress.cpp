#include "bench/progress.hpp"

#include <unistd.h>

#include <initializer_list>

namespace bench {
namespace {

// "3/9". Strings are built with append: GCC 12 warns (-Wrestrict) inside "literal" + string.
std::string counter(int done, int total) {
    std::string text = std::to_string(done);
    text += '/';
    text += std::to_string(total);
    return text;
}

std::string joined(std::initializer_list<std::string> parts) {
    std::string text;
    for (const auto& part : parts)
        text += part;
    return text;
}

}  // namespace

Progress::Progress(int total, bool enabled)
    : Progress(total, enabled, ::isatty(STDERR_FILENO) == 1, stderr) {}

Progress::Progress(int total, bool enabled, bool terminal, std::FILE* out)
    : total_(total), enabled_(enabled), terminal_(terminal), out_(out) {}

std::string Progress::bar(int done, int total, int width) {
    const int filled = total > 0 ? done * width / total : width;
    std::string text = "[";
    text.append(static_cast<std::size_t>(filled), '#');
    text.append(static_cast<std::size_t>(width - filled), '.');
    text += ']';
    return text;
}

void Progress::draw(const std::string& text) {
    // \r and erase-to-end-of-line: the previous, longer text leaves nothing behind.
    std::fprintf(out_, "\r%s\033[K", text.c_str());
    std::fflush(out_);
    shown_ = text;
    drawn_ = true;
}

void Progress::clear_bar() {
    if (drawn_) {
        std::fprintf(out_, "\r\033[K");
        std::fflush(out_);
    }
}

void Progress::redraw_bar() {
    if (drawn_)
        draw(shown_);
}

class Progress::BarSafeSink final : public qa::LogSink {
  public:
    BarSafeSink(Progress& progress, std::shared_ptr<qa::LogSink> inner)
        : progress_(progress), inner_(std::move(inner)) {}
    void write(qa::LogLevel level, std::string_view line) override {
        progress_.clear_bar();
        inner_->write(level, line);
        progress_.redraw_bar();
    }

  private:
    Progress& progress_;
    std::shared_ptr<qa::LogSink> inner_;
};

qa::Logger Progress::around(const qa::Logger& log) {
    if (!enabled_ || !terminal_ || !log.sink())
        return log;
    return log.with_sink(std::make_shared<BarSafeSink>(*this, log.sink()));
}

void Progress::start(const std::string& step) {
    step_ = step;
    if (!enabled_ || !terminal_)
        return;
    draw(joined({bar(done_, total_, 20), " ", counter(done_ + 1, total_), " ", step}));
}

void Progress::finish(const std::string& result) {
    ++done_;
    if (!enabled_)
        return;
    const std::string line = joined({"[", counter(done_, total_), "] ", step_, ": ", result});
    if (terminal_) {
        // The finished step stays on screen above the bar, which moves on.
        draw(line);
        std::fputc('\n', out_);
        drawn_ = false;
        if (done_ < total_)
            draw(joined({bar(done_, total_, 20), " ", counter(done_, total_)}));
    } else {
        std::fprintf(out_, "qa-bench: %s\n", line.c_str());
    }
    std::fflush(out_);
}

void Progress::close() {
    if (enabled_ && terminal_ && drawn_) {
        std::fprintf(out_, "\r\033[K");
        std::fflush(out_);
        drawn_ = false;
    }
}

}  // namespace bench
