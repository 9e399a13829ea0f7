#include "services/file_store.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

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

bool sync_path(const std::filesystem::path& p, int flags) {
  const int fd = ::open(p.c_str(), flags);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

Result<StoredFile> FileStore::put(std::string_view bytes, std::string_view kind) {
  const std::filesystem::path dir = root_ / kind;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return fail_internal("cannot create " + dir.string() + ": " + ec.message());
  StoredFile file{std::string(kind) + "/" + random_hex(16) + ".bin", sha256_hex(bytes), bytes.size()};
  const auto path = root_ / file.name;
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return fail_internal("cannot write " + path.string());
  }
  if (!sync_path(path, O_RDONLY) || !sync_path(dir, O_RDONLY | O_DIRECTORY)) {
    std::filesystem::remove(path, ec);
    return fail_internal("cannot sync " + path.string());
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

Result<std::string> FileStore::read(const std::string& name) const {
  auto path = path_of(name);
  if (!path) return tl::unexpected(path.error());
  std::ifstream in(*path, std::ios::binary);
  if (!in) return fail_internal("cannot read " + path->string());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void FileStore::remove(const std::string& name) const {
  if (auto path = path_of(name)) {
    std::error_code ec;
    std::filesystem::remove(*path, ec);
  }
}

}  // namespace sen::services
