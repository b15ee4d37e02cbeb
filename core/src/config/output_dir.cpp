#include "qa/config/output_dir.hpp"

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>
#include <system_error>

namespace qa {

Expected<void, ConfigError> make_output_dir(std::string_view flag, std::string_view path) {
    const auto refuse = [&](const std::string& reason) {
        return Unexpected(ConfigError{std::string(flag), std::string(path),
                                      "a folder that can be created and written (" + reason + ")"});
    };
    if (path.empty())
        return refuse("the path is empty");
    const std::filesystem::path dir(path);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        return refuse(ec.message());
    if (!std::filesystem::is_directory(dir, ec))
        return refuse("not a folder");
    if (::access(dir.c_str(), W_OK | X_OK) != 0)
        return refuse(std::generic_category().message(errno));
    return {};
}

}  // namespace qa
