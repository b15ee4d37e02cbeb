#pragma once
// Progress of a run's steps (scenario x strategy x limit) on stderr: on a terminal, one line
// with a bar redrawn in place; otherwise (CI logs, files) one plain line per finished step, so
// a log shows what ran and how long it took without control characters.

#include <cstdio>
#include <string>

#include "qa/log/logger.hpp"

namespace bench {

class Progress {
  public:
    // `total` steps; `enabled` false prints nothing (--quiet). Terminal detection: stderr.
    Progress(int total, bool enabled);
    Progress(int total, bool enabled, bool terminal, std::FILE* out);  // for tests

    void start(const std::string& step);     // a step begins (drawn on a terminal only)
    void finish(const std::string& result);  // the step ends with its one-line result
    void close();                            // ends the bar's line on a terminal

    // `log` writing around the bar: on a terminal each line first clears the bar's line, and
    // the bar is drawn again below it, so a log line never runs into the bar. `log` as it is
    // otherwise. The result must not outlive this Progress.
    qa::Logger around(const qa::Logger& log);

    // "[#####.....]": `width` cells, `done` of `total` filled.
    static std::string bar(int done, int total, int width);

  private:
    class BarSafeSink;

    void draw(const std::string& text);
    void clear_bar();   // before a foreign line: the bar's line emptied, the cursor at its start
    void redraw_bar();  // after it: the bar as it was

    int total_;
    int done_ = 0;
    bool enabled_;
    bool terminal_;
    std::FILE* out_;
    std::string step_;
    std::string shown_;  // the bar's text on screen while drawn_
    bool drawn_ = false;
};

}  // namespace bench
