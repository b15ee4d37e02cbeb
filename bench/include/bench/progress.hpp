#pragma once
// Progress of a run's steps (scenario x strategy x limit) on stderr: on a terminal, one line
// with a bar redrawn in place; otherwise (CI logs, files) one plain line per finished step, so
// a log shows what ran and how long it took without control characters.

#include <cstdio>
#include <string>

namespace bench {

class Progress {
  public:
    // `total` steps; `enabled` false prints nothing (--quiet). Terminal detection: stderr.
    Progress(int total, bool enabled);
    Progress(int total, bool enabled, bool terminal, std::FILE* out);  // for tests

    void start(const std::string& step);     // a step begins (drawn on a terminal only)
    void finish(const std::string& result);  // the step ends with its one-line result
    void close();                            // ends the bar's line on a terminal

    // "[#####.....]": `width` cells, `done` of `total` filled.
    static std::string bar(int done, int total, int width);

  private:
    void draw(const std::string& text);

    int total_;
    int done_ = 0;
    bool enabled_;
    bool terminal_;
    std::FILE* out_;
    std::string step_;
    bool drawn_ = false;
};

}  // namespace bench
