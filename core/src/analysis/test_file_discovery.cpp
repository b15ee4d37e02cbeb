#include "qa/analysis/test_file_discovery.hpp"

#include <algorithm>
#include <array>
#include <system_error>

namespace qa {

namespace {

FileError error_for(const std::filesystem::path& path, const std::error_code& ec) {
    FileErrorKind kind = FileErrorKind::read_failed;
    if (ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory)
        kind = FileErrorKind::not_found;
    else if (ec == std::errc::permission_denied || ec == std::errc::operation_not_permitted)
        kind = FileErrorKind::permission_denied;
    return FileError{path.string(), kind, ec.message()};
}

void walk(const std::filesystem::path& root, DiscoveredFiles& out) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::none, ec);
    if (ec) {
        out.errors.push_back(error_for(root, ec));
        return;
    }
    for (const fs::recursive_directory_iterator end; it != end;) {
        const fs::directory_entry& entry = *it;
        const std::string name = entry.path().filename().string();
        std::error_code type_ec;
        if (entry.is_directory(type_ec)) {
            if (is_skipped_directory(name))
                it.disable_recursion_pending();
        } else if (entry.is_regular_file(type_ec) && is_test_file_name(name)) {
            out.files.push_back(entry.path());
        }
        it.increment(ec);
        if (ec) {
            // A directory that cannot be listed: report it and go on with the rest.
            out.errors.push_back(error_for(entry.path(), ec));
            ec.clear();
        }
    }
}

}  // namespace

bool is_test_file_name(std::string_view name) {
    if (!name.ends_with(".py"))
        return false;
    return (name.starts_with("test_") && name.size() > 8) ||
           (name.ends_with("_test.py") && name.size() > 8);
}

bool is_skipped_directory(std::string_view name) {
    static constexpr std::array<std::string_view, 8> kNames{
        "build", "dist", "venv", "node_modules", "CVS", "_darcs", "{arch}", "__pycache__"};
    return (name.size() > 1 && name.front() == '.' && name != "..") || name.ends_with(".egg") ||
           std::ranges::find(kNames, name) != kNames.end();
}

DiscoveredFiles discover_test_files(std::span<const std::filesystem::path> paths) {
    namespace fs = std::filesystem;
    DiscoveredFiles out;
    for (const fs::path& path : paths) {
        std::error_code ec;
        const fs::file_status status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            out.errors.push_back(error_for(
                path, ec ? ec : std::make_error_code(std::errc::no_such_file_or_directory)));
        } else if (fs::is_directory(status)) {
            walk(path, out);
        } else {
            out.files.push_back(path);  // named explicitly: taken whatever its name
        }
    }
    std::ranges::sort(out.files);
    out.files.erase(std::unique(out.files.begin(), out.files.end()), out.files.end());
    return out;
}

}  // namespace qa
