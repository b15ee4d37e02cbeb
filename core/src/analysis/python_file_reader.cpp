#include "qa/analysis/python_file_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "qa/analysis/utf8.hpp"

namespace qa {

namespace {

FileErrorKind kind_of_errno(int error) {
    switch (error) {
        case ENOENT:
        case ENOTDIR:
            return FileErrorKind::not_found;
        case EACCES:
        case EPERM:
            return FileErrorKind::permission_denied;
        case EISDIR:
            return FileErrorKind::not_a_file;
        default:
            return FileErrorKind::read_failed;
    }
}

// Closes the descriptor on every path out.
struct Descriptor {
    int fd = -1;
    ~Descriptor() {
        if (fd >= 0)
            ::close(fd);
    }
};

Unexpected<FileError> fail(const std::filesystem::path& path, FileErrorKind kind,
                           std::string detail) {
    return Unexpected(FileError{path.string(), kind, std::move(detail)});
}

bool is_utf8_name(std::string_view encoding) {
    std::string lower;
    for (const char c : encoding)
        lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return lower == "utf-8" || lower == "utf8" || lower == "utf_8" || lower.starts_with("utf-8-") ||
           lower.starts_with("utf_8_");
}

}  // namespace

std::string_view to_string(FileErrorKind kind) {
    switch (kind) {
        case FileErrorKind::not_found:
            return "not_found";
        case FileErrorKind::permission_denied:
            return "permission_denied";
        case FileErrorKind::not_a_file:
            return "not_a_file";
        case FileErrorKind::too_large:
            return "too_large";
        case FileErrorKind::read_failed:
            return "read_failed";
        case FileErrorKind::not_utf8:
            return "not_utf8";
    }
    return "unknown";
}

std::string FileError::message() const {
    return path + ": " + std::string(to_string(kind)) + (detail.empty() ? "" : " (" + detail + ")");
}

namespace {

// The file's bytes into `source`, reusing its buffer.
Expected<void, FileError> read_source(const std::filesystem::path& path, std::string& source,
                                      const ReadOptions& options) {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused by type below.
    Descriptor descriptor{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)};
    if (descriptor.fd < 0) {
        const int error = errno;
        return fail(path, kind_of_errno(error), std::strerror(error));
    }
    struct stat info {};
    if (::fstat(descriptor.fd, &info) != 0) {
        const int error = errno;
        return fail(path, FileErrorKind::read_failed, std::strerror(error));
    }
    if (!S_ISREG(info.st_mode))
        return fail(path, FileErrorKind::not_a_file,
                    S_ISDIR(info.st_mode) ? "a directory" : "not a regular file");
    const std::uint64_t limit = options.max_bytes == 0 || options.max_bytes > kMaxSourceBytes
                                    ? kMaxSourceBytes
                                    : options.max_bytes;
    const auto size = static_cast<std::uint64_t>(info.st_size);
    const auto too_large = [&](std::uint64_t bytes) {
        return fail(path, FileErrorKind::too_large,
                    std::to_string(bytes) + " bytes, limit " + std::to_string(limit));
    };
    if (size > limit)
        return too_large(size);

    // Read the size fstat gave, no more: a file that grows meanwhile is read as it was, and
    // the limit holds whatever it does. Resizing from the buffer's old size zero-fills only
    // the growth (the buffer is reused from file to file).
    source.resize(static_cast<std::size_t>(size));
    std::size_t used = 0;
    while (used < source.size()) {
        const ssize_t got = ::read(descriptor.fd, source.data() + used, source.size() - used);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            const int error = errno;
            return fail(path, FileErrorKind::read_failed, std::strerror(error));
        }
        if (got == 0)
            break;  // it shrank
        used += static_cast<std::size_t>(got);
    }
    source.resize(used);
    return {};
}

}  // namespace

Expected<void, FileError> read_python_file_into(const std::filesystem::path& path, ParsedFile& file,
                                                const ReadOptions& options) {
    file.path = path.string();
    if (auto read = read_source(path, file.source, options); !read) {
        // No parse of the previous file may stay behind this path.
        file.source.clear();
        reparse(file, options.parse);
        return read;
    }
    // Parsing checks the encoding too (once, in the same pass over memory as everything else).
    reparse(file, options.parse);
    if (file.invalid_utf8_offset == kNone)
        return {};
    const std::string_view cookie = coding_cookie(file.source);
    if (!cookie.empty() && !is_utf8_name(cookie)) {
        // Bytes of the encoding the file declares (latin-1, koi8-r): Python reads it as it is,
        // so they are no problem to report (the tokenizer only needs the ASCII bytes).
        std::erase_if(file.diagnostics.items, [](const Diagnostic& problem) {
            return problem.kind == DiagnosticKind::invalid_utf8;
        });
        return {};
    }
    if (!options.allow_invalid_utf8) {
        const std::uint32_t offset = file.invalid_utf8_offset;
        return fail(path, FileErrorKind::not_utf8,
                    "invalid byte at line " + std::to_string(file.line_of(offset)) + ", offset " +
                        std::to_string(offset));
    }
    return {};
}

Expected<ParsedFile, FileError> read_python_file(const std::filesystem::path& path,
                                                 const ReadOptions& options) {
    ParsedFile file;
    auto read = read_python_file_into(path, file, options);
    if (!read)
        return Unexpected(read.error());
    return file;
}

}  // namespace qa
