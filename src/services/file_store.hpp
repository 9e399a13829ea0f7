#pragma once

#include <filesystem>
#include <string>

#include "core/file_location.hpp"
#include "core/status.hpp"

namespace sen::services {

struct StoredFile {
  std::string name;  // generated, relative to the store's root; never a path from a client
  std::string sha256;
  std::size_t size = 0;
};

// Uploaded documents and issued results, in the data directory under random names. A file is synced
// (and its directory) before `put` returns, so the database row written afterwards never points at
// data a crash could lose. Files are readable by the owner only (0600, directories 0700): they hold
// personal data.
class FileStore {
 public:
  explicit FileStore(std::filesystem::path root) : root_(std::move(root)) {}

  Result<StoredFile> put(std::string_view bytes, std::string_view kind);  // kind: "documents" | "results"
  // Where a stored file is and its size; its bytes are read by whoever sends them, in pieces.
  Result<FileLocation> locate(const std::string& name) const;
  void remove(const std::string& name) const;

 private:
  Result<std::filesystem::path> path_of(const std::string& name) const;
  std::filesystem::path root_;
};

}  // namespace sen::services
