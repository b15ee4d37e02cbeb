#pragma once
// Which files `qa analyze PATH...` reads: a file named on the command line as it is, and under a
// directory every file pytest would collect by its default patterns (test_*.py, *_test.py),
// recursively, skipping the directories pytest skips by default. A path that does not exist
// (or a directory that cannot be listed) is an error value; the rest go on.

#include <filesystem>
#include <span>
#include <string_view>
#include <vector>

#include "qa/analysis/python_file_reader.hpp"

namespace qa {

struct DiscoveredFiles {
    std::vector<std::filesystem::path> files;  // sorted, each once
    std::vector<FileError> errors;             // in the order met
};

// test_*.py or *_test.py (pytest's python_files default).
bool is_test_file_name(std::string_view file_name);

// Directories pytest does not recurse into by default (norecursedirs): .*, build, dist, venv,
// node_modules, *.egg, CVS, _darcs, {arch}; and __pycache__.
bool is_skipped_directory(std::string_view directory_name);

DiscoveredFiles discover_test_files(std::span<const std::filesystem::path> paths);

}  // namespace qa
