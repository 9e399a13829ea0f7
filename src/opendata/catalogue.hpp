#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "opendata/dataset.hpp"
#include "storage/database.hpp"

namespace sen::opendata {

// What is known of a release without reading its rows.
struct ReleaseInfo {
  int number = 0;
  std::chrono::system_clock::time_point created_at;
  std::string sha256;
  std::int64_t rows = 0;
  std::string note;
};

// The catalogue: every dataset's metadata and release list in memory (a catalogue holds thousands of
// datasets, not millions), each latest release's rows too, older releases read from the database on
// demand. Writes go to the database first and reach memory after their commit.
class Catalogue {
 public:
  Catalogue(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Status load();

  // Creates the dataset or replaces its metadata and definition; `actor` is recorded in the audit log.
  Status put(const Dataset& dataset, const std::string& actor);

  // Writes a new release when the rows differ from the latest one's; the number written, or
  // nullopt when nothing changed.
  Result<std::optional<int>> publish(const std::string& dataset, std::vector<Column> columns,
                                     std::vector<std::vector<Value>> rows, const std::string& note,
                                     const std::string& actor);

  std::vector<std::shared_ptr<const Dataset>> datasets() const;
  std::shared_ptr<const Dataset> find(std::string_view name) const;
  std::vector<ReleaseInfo> releases(std::string_view name) const;      // oldest first
  std::shared_ptr<const Release> latest(std::string_view name) const;  // null before the first release
  // kNotFound naming `release` when the dataset has no such release.
  Result<std::shared_ptr<const Release>> release(std::string_view name, int number) const;

 private:
  struct Entry {
    std::shared_ptr<const Dataset> dataset;
    std::vector<ReleaseInfo> releases;
    std::shared_ptr<const Release> latest;
  };
  Result<std::shared_ptr<const Release>> read_release(storage::Connection& conn, const std::string& dataset,
                                                      int number) const;

  storage::Database& db_;
  const Clock& clock_;
  mutable std::shared_mutex mutex_;
  std::map<std::string, Entry, std::less<>> entries_;
  std::mutex publish_mutex_;  // one release at a time per catalogue, so numbers never clash
};

}  // namespace sen::opendata
