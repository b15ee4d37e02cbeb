// Which files `qa analyze` reads: pytest's default file patterns under directories, explicit
// files as given, skipped directories, missing paths reported while the rest is found.
#include <gtest/gtest.h>

#include "qa/analysis/test_file_discovery.hpp"
#include "temp_tree.hpp"

namespace qa {
namespace {

using testing::TempTree;

std::vector<std::string> relative(const DiscoveredFiles& found, const TempTree& tree) {
    std::vector<std::string> out;
    for (const auto& path : found.files)
        out.push_back(path.lexically_relative(tree.root()).generic_string());
    return out;
}

TEST(TestFileNames, FollowPytestDefaults) {
    EXPECT_TRUE(is_test_file_name("test_orders.py"));
    EXPECT_TRUE(is_test_file_name("orders_test.py"));
    EXPECT_FALSE(is_test_file_name("test_orders.pyc"));
    EXPECT_FALSE(is_test_file_name("tests.py"));
    EXPECT_FALSE(is_test_file_name("conftest.py"));
    EXPECT_FALSE(is_test_file_name("testorders.py"));
    EXPECT_FALSE(is_test_file_name("_test.py"));
    EXPECT_TRUE(is_skipped_directory(".git"));
    EXPECT_TRUE(is_skipped_directory("venv"));
    EXPECT_TRUE(is_skipped_directory("pkg.egg"));
    EXPECT_TRUE(is_skipped_directory("__pycache__"));
    EXPECT_FALSE(is_skipped_directory("tests"));
}

TEST(Discovery, WalksDirectoriesRecursivelyInSortedOrder) {
    TempTree tree;
    tree.write("tests/test_b.py", "");
    tree.write("tests/test_a.py", "");
    tree.write("tests/unit/orders_test.py", "");
    tree.write("tests/unit/helpers.py", "");
    tree.write("tests/conftest.py", "");
    tree.write("tests/.hidden/test_hidden.py", "");
    tree.write("tests/venv/test_vendored.py", "");
    tree.write("tests/__pycache__/test_a.py", "");
    const std::vector<std::filesystem::path> paths{tree / "tests"};
    const auto found = discover_test_files(paths);
    EXPECT_TRUE(found.errors.empty());
    EXPECT_EQ(relative(found, tree), (std::vector<std::string>{"tests/test_a.py", "tests/test_b.py",
                                                               "tests/unit/orders_test.py"}));
}

TEST(Discovery, ExplicitFilesAreTakenAsGivenAndOnce) {
    TempTree tree;
    const auto helper = tree.write("src/check_orders.py", "");
    const auto test = tree.write("src/test_x.py", "");
    const std::vector<std::filesystem::path> paths{helper, tree / "src", test};
    const auto found = discover_test_files(paths);
    EXPECT_EQ(relative(found, tree),
              (std::vector<std::string>{"src/check_orders.py", "src/test_x.py"}));
}

TEST(Discovery, AMissingPathIsReportedAndTheRestFound) {
    TempTree tree;
    tree.write("tests/test_a.py", "");
    const std::vector<std::filesystem::path> paths{tree / "nope.py", tree / "tests"};
    const auto found = discover_test_files(paths);
    EXPECT_EQ(relative(found, tree), std::vector<std::string>{"tests/test_a.py"});
    ASSERT_EQ(found.errors.size(), 1u);
    EXPECT_EQ(found.errors[0].kind, FileErrorKind::not_found);
    EXPECT_EQ(found.errors[0].path, (tree / "nope.py").string());
}

}  // namespace
}  // namespace qa
