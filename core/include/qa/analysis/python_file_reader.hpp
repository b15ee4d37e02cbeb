#pragma once
// Reading one Python test file from disk into a ParsedFile. A file that cannot be read or decoded
// is an error value naming the path and the reason, so the caller reports it and goes on.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "qa/analysis/parse_limits.hpp"
#include "qa/analysis/parsed_file.hpp"
#include "qa/expected.hpp"

namespace qa {

enum class FileErrorKind : std::uint8_t {
    not_found,
    permission_denied,
    not_a_file,   // a directory, FIFO, socket or device
    too_large,    // over ReadOptions::max_bytes
    read_failed,  // any other I/O error
    not_utf8,     // not valid UTF-8 and no coding cookie naming another encoding
};

std::string_view to_string(FileErrorKind kind);

struct FileError {
    std::string path;
    FileErrorKind kind = FileErrorKind::read_failed;
    std::string detail;  // e.g. "12582912 bytes, limit 8388608" or "invalid byte at line 3"

    // `tests/test_x.py: too_large (12582912 bytes, limit 8388608)`
    std::string message() const;
};

struct ReadOptions {
    // Largest file read, in bytes. Test files are small; a huge one is generated data or a
    // mistake, and reading it would stall the run. Zero means up to kMaxSourceBytes.
    std::uint64_t max_bytes = 8u * 1024 * 1024;
    // Accept bytes that are not UTF-8 (with an invalid_utf8 diagnostic) instead of refusing the
    // file. A file whose coding cookie names another encoding is always accepted: the tokenizer
    // only needs its ASCII bytes.
    bool allow_invalid_utf8 = false;
    ParseLimits parse;
};

// Reads and parses one file. Never blocks on a FIFO or device (they are refused by type).
Expected<ParsedFile, FileError> read_python_file(const std::filesystem::path& path,
                                                 const ReadOptions& options = {});

// The same into `file`, reusing its buffers, so a worker that reads file after file allocates
// only when a file is larger than every one before it. After an error `file` holds the path and
// nothing of another file: an empty parse, or (not_utf8) the parse of these bytes.
Expected<void, FileError> read_python_file_into(const std::filesystem::path& path, ParsedFile& file,
                                                const ReadOptions& options = {});

}  // namespace qa
