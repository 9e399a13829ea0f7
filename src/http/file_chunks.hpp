#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "core/file_location.hpp"
#include "core/status.hpp"

namespace sen::http {

// Reads a stored file for a response one chunk at a time, so a download holds one chunk in memory
// however large the file and however slowly the client reads.
class FileChunks {
 public:
  static constexpr std::size_t kChunkBytes = 64 * 1024;

  // Fails when the file cannot be opened or is no longer `file.size` bytes (the announced length).
  static Result<FileChunks> open(const FileLocation& file);

  FileChunks(FileChunks&& other) noexcept;
  FileChunks& operator=(FileChunks&&) = delete;
  FileChunks(const FileChunks&) = delete;
  FileChunks& operator=(const FileChunks&) = delete;
  ~FileChunks();

  // The next up to kChunkBytes bytes, valid until the next call; empty once all are read. Fails when
  // the file ends early.
  Result<std::string_view> next();
  std::uint64_t remaining() const { return remaining_; }

 private:
  FileChunks(int fd, std::uint64_t size);
  int fd_;
  std::uint64_t remaining_;
  std::unique_ptr<char[]> buffer_;
};

}  // namespace sen::http
