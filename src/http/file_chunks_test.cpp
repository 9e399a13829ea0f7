#include "http/file_chunks.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace sen::http {
namespace {

FileLocation write_file(const std::string& name, const std::string& bytes) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path, std::ios::binary) << bytes;
  return {path, bytes.size()};
}

std::string pattern(std::size_t size) {
  std::string bytes(size, '\0');
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>(i * 31 % 251);
  return bytes;
}

TEST(FileChunks, ReadsALargeFileInBoundedChunksThatAddUpToIt) {
  const std::string bytes = pattern(3 * FileChunks::kChunkBytes + 123);
  const auto file = write_file("sen_file_chunks_large", bytes);
  auto chunks = FileChunks::open(file);
  ASSERT_TRUE(chunks) << chunks.error().internal;
  std::string joined;
  int reads = 0;
  for (;;) {
    auto chunk = chunks->next();
    ASSERT_TRUE(chunk) << chunk.error().internal;
    if (chunk->empty()) break;
    EXPECT_LE(chunk->size(), FileChunks::kChunkBytes);
    joined += *chunk;
    ++reads;
  }
  EXPECT_EQ(reads, 4);
  EXPECT_EQ(joined, bytes);
  EXPECT_EQ(chunks->remaining(), 0u);
  std::filesystem::remove(file.path);
}

TEST(FileChunks, RefusesAFileWhoseSizeIsNotTheRecordedOne) {
  auto file = write_file("sen_file_chunks_changed", pattern(1000));
  file.size = 2000;
  EXPECT_FALSE(FileChunks::open(file));
  std::filesystem::remove(file.path);
  EXPECT_FALSE(FileChunks::open(file)) << "a missing file is refused";
}

}  // namespace
}  // namespace sen::http
