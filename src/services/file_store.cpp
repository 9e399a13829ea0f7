#include "services/file_store.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/sha256.hpp"

namespace sen::services {
namespace {

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  hex.pop_back();
  return hex;
}

bool sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

// Creates `dir` and any missing parents owner-only (0700); existing directories are left as they are.
Status make_private_dirs(const std::filesystem::path& dir) {
  if (::mkdir(dir.c_str(), 0700) == 0 || errno == EEXIST) return {};
  if (errno == ENOENT && dir.has_relative_path() && dir.parent_path() != dir) {
    if (auto s = make_private_dirs(dir.parent_path()); !s) return s;
    if (::mkdir(dir.c_str(), 0700) == 0 || errno == EEXIST) return {};
  }
  return fail_internal("cannot create " + dir.string() + ": " + std::strerror(errno));
}

// Writes `bytes` to a new owner-only (0600) file and syncs it; on failure nothing is left behind.
Status write_private_file(const std::filesystem::path& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return fail_internal("cannot create " + path.string() + ": " + std::strerror(errno));
  bool ok = true;
  for (std::size_t written = 0; ok && written < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) written += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (ok) return {};
  ::unlink(path.c_str());
  return fail_internal("cannot write and sync " + path.string());
}

}  // namespace

Result<StoredFile> FileStore::put(std::string_view bytes, std::string_view kind) {
  const std::filesystem::path dir = root_ / kind;
  if (auto made = make_private_dirs(dir); !made) return tl::unexpected(made.error());
  StoredFile file{std::string(kind) + "/" + random_hex(16) + ".bin", sha256_hex(bytes), bytes.size()};
  const auto path = root_ / file.name;
  if (auto written = write_private_file(path, bytes); !written) return tl::unexpected(written.error());
  if (!sync_directory(dir)) {
    ::unlink(path.c_str());
    return fail_internal("cannot sync " + dir.string());
  }
  return file;
}

Result<std::filesystem::path> FileStore::path_of(const std::string& name) const {
  // Only names this store generated: "<kind>/<32 hex>.bin".
  const auto slash = name.find('/');
  if (slash == std::string::npos || name.find("..") != std::string::npos ||
      name.find('/', slash + 1) != std::string::npos) {
    return fail_internal("not a stored file name: " + name);
  }
  return root_ / name;
}

Result<FileLocation> FileStore::locate(const std::string& name) const {
  auto path = path_of(name);
  if (!path) return tl::unexpected(path.error());
  std::error_code ec;
  const auto size = std::filesystem::file_size(*path, ec);
  if (ec) return fail_internal("cannot find " + path->string() + ": " + ec.message());
  return FileLocation{std::move(*path), size};
}

void FileStore::remove(const std::string& name) const {
  if (auto path = path_of(name)) {
    std::error_code ec;
    std::filesystem::remove(*path, ec);
  }
}

Result<std::size_t> FileStore::remove_unreferenced(const std::set<std::string>& referenced,
                                                   std::chrono::seconds min_age) const {
  std::error_code ec;
  if (!std::filesystem::exists(root_, ec)) return std::size_t{0};
  const auto cutoff = std::filesystem::file_time_type::clock::now() - min_age;
  std::size_t removed = 0;
  for (const auto& kind : std::filesystem::directory_iterator(root_, ec)) {
    if (!kind.is_directory()) continue;
    for (const auto& file : std::filesystem::directory_iterator(kind.path(), ec)) {
      if (!file.is_regular_file()) continue;
      const std::string name = kind.path().filename().string() + "/" + file.path().filename().string();
      if (referenced.contains(name) || file.last_write_time(ec) > cutoff) continue;
      if (std::filesystem::remove(file.path(), ec)) ++removed;
    }
  }
  if (ec) return fail(ErrorCode::kInternal, "cannot sweep " + root_.string() + ": " + ec.message());
  return removed;
}

}  // namespace sen::services
