#include "bench/recorded_command.hpp"

namespace bench {
namespace {

// `path` relative to `dir` when it lies in it; empty otherwise.
std::string relative_inside(const std::string& path, const std::filesystem::path& dir) {
    if (dir.empty() || path.empty() || path.front() != '/')
        return {};
    const auto relative = std::filesystem::path(path).lexically_normal().lexically_relative(dir);
    if (relative.empty() || *relative.begin() == "..")
        return {};
    return relative.string();
}

// One argument as recorded: a path in the working directory relative to it, alone or as the
// value of --name=PATH.
std::string recorded_argument(const std::string& arg, const std::filesystem::path& dir) {
    const auto equals = arg.find('=');
    if (arg.rfind("--", 0) == 0 && equals != std::string::npos) {
        const auto value = relative_inside(arg.substr(equals + 1), dir);
        return value.empty() ? arg : arg.substr(0, equals + 1) + value;
    }
    const auto relative = relative_inside(arg, dir);
    return relative.empty() ? arg : relative;
}

}  // namespace

std::string recorded_command(const std::vector<std::string>& args,
                             const std::filesystem::path& working_dir) {
    const auto dir = working_dir.lexically_normal();
    std::string line;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string recorded = recorded_argument(args[i], dir);
        // The program found elsewhere (an install, $PATH): its name says which.
        if (i == 0 && !recorded.empty() && recorded.front() == '/')
            recorded = std::filesystem::path(recorded).filename().string();
        line += (i ? " " : "") + recorded;
    }
    return line;
}

}  // namespace bench
