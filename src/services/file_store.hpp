#pragma once

#include <chrono>
#include <filesystem>
#include <set>
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
  // Removes stored files no row refers to (`referenced`: names as put returned them) and last written
  // more than `min_age` ago: those of uploads whose row never committed, because the process was
  // killed between the file and its row. Younger ones may belong to an upload still in flight.
  // Returns how many were removed.
  Result<std::size_t> remove_unreferenced(const std::set<std::string>& referenced,
                                          std::chrono::seconds min_age) const;

 private:
  Result<std::filesystem::path> path_of(const std::string& name) const;
  std::filesystem::path root_;
};

}  // namespace sen::services
