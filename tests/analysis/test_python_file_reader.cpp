// Reading files: every failure is a value naming the path and the reason; nothing blocks.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "qa/analysis/python_file_reader.hpp"
#include "without_file_override.hpp"

namespace qa {
namespace {

namespace fs = std::filesystem;

// A fresh directory per test, removed afterwards.
class PythonFileReader : public ::testing::Test {
  protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::temp_directory_path() /
               ("qa_reader_" + std::to_string(::getpid()) + "_" + info->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override {
        std::error_code ignored;
        fs::permissions(dir_ / "locked.py", fs::perms::owner_all, ignored);
        fs::remove_all(dir_, ignored);
    }
    fs::path write(const std::string& name, const std::string& bytes) {
        const fs::path path = dir_ / name;
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    }
    fs::path dir_;
};

TEST_F(PythonFileReader, ReadsAndParses) {
    const auto path = write("test_ok.py", "def test_a():\n    assert 1\n");
    const auto parsed = read_python_file(path);
    ASSERT_TRUE(parsed) << parsed.error().message();
    EXPECT_EQ(parsed->path, path.string());
    ASSERT_EQ(parsed->functions.size(), 1u);
    EXPECT_TRUE(parsed->functions[0].is_test());
}

TEST_F(PythonFileReader, EmptyFileIsFine) {
    const auto parsed = read_python_file(write("empty.py", ""));
    ASSERT_TRUE(parsed) << parsed.error().message();
    EXPECT_TRUE(parsed->statements.empty());
}

TEST_F(PythonFileReader, MissingFile) {
    const auto parsed = read_python_file(dir_ / "absent.py");
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().kind, FileErrorKind::not_found);
    EXPECT_EQ(parsed.error().path, (dir_ / "absent.py").string());
    EXPECT_EQ(parsed.error().message(),
              (dir_ / "absent.py").string() + ": not_found (No such file or directory)");
}

TEST_F(PythonFileReader, DirectoryIsNotAFile) {
    const auto parsed = read_python_file(dir_);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().kind, FileErrorKind::not_a_file);
    EXPECT_EQ(parsed.error().detail, "a directory");
}

TEST_F(PythonFileReader, FifoIsRefusedWithoutBlocking) {
    const fs::path fifo = dir_ / "pipe.py";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    const auto parsed = read_python_file(fifo);  // would hang if it waited for a writer
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().kind, FileErrorKind::not_a_file);
}

TEST_F(PythonFileReader, OverTheSizeLimit) {
    const auto path = write("big.py", std::string(2000, '#'));
    ReadOptions options;
    options.max_bytes = 1000;
    const auto parsed = read_python_file(path, options);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().kind, FileErrorKind::too_large);
    EXPECT_EQ(parsed.error().detail, "2000 bytes, limit 1000");
    options.max_bytes = 2000;
    EXPECT_TRUE(read_python_file(path, options));
}

TEST_F(PythonFileReader, UnreadableFile) {
    const auto path = write("locked.py", "x = 1\n");
    fs::permissions(path, fs::perms::none);
    const test::WithoutFileOverride as_anyone;  // so that it holds as root too
    ASSERT_TRUE(as_anyone.active()) << "capset refused to lower this thread's capabilities";
    const auto parsed = read_python_file(path);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().kind, FileErrorKind::permission_denied);
}

TEST_F(PythonFileReader, InvalidUtf8IsRefusedWithItsLine) {
    const auto path = write("latin.py", "x = 1\ny = 'caf\xE9'\n");
    const auto parsed = read_python_file(path);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().kind, FileErrorKind::not_utf8);
    EXPECT_EQ(parsed.error().detail, "invalid byte at line 2, offset 14");
}

TEST_F(PythonFileReader, InvalidUtf8CanBeTolerated) {
    const auto path = write("latin.py", "y = 'caf\xE9'\ndef test_a():\n    pass\n");
    ReadOptions options;
    options.allow_invalid_utf8 = true;
    const auto parsed = read_python_file(path, options);
    ASSERT_TRUE(parsed);
    EXPECT_TRUE(parsed->diagnostics.contains(DiagnosticKind::invalid_utf8));
    EXPECT_EQ(parsed->functions.size(), 1u);
}

TEST_F(PythonFileReader, CodingCookieNamingAnotherEncodingIsAccepted) {
    const auto path = write("cookie.py", "# -*- coding: latin-1 -*-\ny = 'caf\xE9'\n");
    const auto parsed = read_python_file(path);
    ASSERT_TRUE(parsed);
    // Valid Python in its declared encoding: no problem to report, whether or not bytes that
    // are not UTF-8 are tolerated.
    EXPECT_TRUE(parsed->diagnostics.empty());
    ReadOptions tolerant;
    tolerant.allow_invalid_utf8 = true;
    EXPECT_TRUE(read_python_file(path, tolerant)->diagnostics.empty());
    const auto utf8_cookie = write("utf8.py", "# coding=utf-8\ny = 'caf\xE9'\n");
    EXPECT_FALSE(read_python_file(utf8_cookie));
}

}  // namespace
}  // namespace qa

namespace qa {
namespace {

// read_python_file_into keeps the buffer of the last file: each file must still come out
// exactly, larger or smaller than the one before, and a failure must not leave a parse behind.
TEST(PythonFileReaderInto, ReusedBufferReadsEachFileExactly) {
    const fs::path dir =
        fs::temp_directory_path() / ("qa_reader_into_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string big = "def test_big():\n" + std::string(100000, '#') + "\n    assert 1\n";
    const std::string small = "def test_small():\n    assert 2\n";
    std::ofstream(dir / "big.py", std::ios::binary) << big;
    std::ofstream(dir / "small.py", std::ios::binary) << small;

    ParsedFile file;
    ASSERT_TRUE(read_python_file_into(dir / "small.py", file));
    EXPECT_EQ(file.source, small);
    ASSERT_TRUE(read_python_file_into(dir / "big.py", file));
    EXPECT_EQ(file.source, big);
    ASSERT_TRUE(read_python_file_into(dir / "small.py", file));
    EXPECT_EQ(file.source, small);
    ASSERT_EQ(file.functions.size(), 1u);
    EXPECT_EQ(file.text(file.functions[0].name), "test_small");
    EXPECT_EQ(file.path, (dir / "small.py").string());

    const auto missing = read_python_file_into(dir / "missing.py", file);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().kind, FileErrorKind::not_found);
    EXPECT_TRUE(file.functions.empty());
    EXPECT_TRUE(file.source.empty());
    fs::remove_all(dir);
}

}  // namespace
}  // namespace qa
