#include "services/file_store.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <iterator>

namespace sen::services {
namespace {

unsigned mode_of(const std::filesystem::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 0777;
}

class FileStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ =
        std::filesystem::temp_directory_path() /
        ("sen_file_store_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(root_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  std::filesystem::path root_;
};

TEST_F(FileStoreTest, FilesAndDirectoriesAreOwnerOnlyWhateverTheUmask) {
  const auto previous = ::umask(022);  // the usual default, which would leave files world-readable
  FileStore store(root_ / "files");
  auto stored = store.put("%PDF-1.4 personal data", "documents");
  ::umask(previous);
  ASSERT_TRUE(stored) << stored.error().internal;
  EXPECT_EQ(mode_of(root_), 0700u);
  EXPECT_EQ(mode_of(root_ / "files"), 0700u);
  EXPECT_EQ(mode_of(root_ / "files" / "documents"), 0700u);
  EXPECT_EQ(mode_of(root_ / "files" / stored->name), 0600u);
}

TEST_F(FileStoreTest, LocateGivesThePathAndSizeNotTheBytes) {
  FileStore store(root_);
  const std::string bytes(200 * 1024, 'x');
  auto stored = store.put(bytes, "results");
  ASSERT_TRUE(stored);
  auto where = store.locate(stored->name);
  ASSERT_TRUE(where) << where.error().internal;
  EXPECT_EQ(where->size, bytes.size());
  std::ifstream in(where->path, std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), bytes);
  store.remove(stored->name);
  EXPECT_FALSE(store.locate(stored->name));
  EXPECT_FALSE(store.locate("../etc/passwd"));
}

}  // namespace
}  // namespace sen::services
