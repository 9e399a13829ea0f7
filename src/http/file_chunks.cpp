#include "http/file_chunks.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace sen::http {

Result<FileChunks> FileChunks::open(const FileLocation& file) {
  const int fd = ::open(file.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail_internal("cannot open " + file.path.string() + ": " + std::strerror(errno));
  FileChunks chunks(fd, file.size);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || static_cast<std::uint64_t>(st.st_size) != file.size) {
    return fail_internal("stored file " + file.path.string() + " is not the size recorded for it");
  }
  return chunks;
}

FileChunks::FileChunks(int fd, std::uint64_t size)
    : fd_(fd), remaining_(size), buffer_(std::make_unique_for_overwrite<char[]>(kChunkBytes)) {}

FileChunks::FileChunks(FileChunks&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), remaining_(other.remaining_), buffer_(std::move(other.buffer_)) {}

FileChunks::~FileChunks() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::string_view> FileChunks::next() {
  const auto wanted = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, kChunkBytes));
  std::size_t got = 0;
  while (got < wanted) {
    const ssize_t n = ::read(fd_, buffer_.get() + got, wanted - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail_internal("stored file ended before its recorded size");
    got += static_cast<std::size_t>(n);
  }
  remaining_ -= got;
  return std::string_view(buffer_.get(), got);
}

}  // namespace sen::http
