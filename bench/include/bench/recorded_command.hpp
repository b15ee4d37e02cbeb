#pragma once
// The command line a report records (generated_by.command): the arguments as typed, except that
// an absolute path under the working directory is written relative to it and an absolute
// program path elsewhere by the program's name, so a committed report names no machine's
// directories (bench/gate.sh passes its checkout's absolute path to --out). Pure.

#include <filesystem>
#include <string>
#include <vector>

namespace bench {

// `args` is argv (the program first); `working_dir` the directory it ran in (empty: unknown, the
// arguments are kept as typed).
std::string recorded_command(const std::vector<std::string>& args,
                             const std::filesystem::path& working_dir);

}  // namespace bench
