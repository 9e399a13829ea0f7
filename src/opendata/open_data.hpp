#pragma once

#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "analytics/data_brain.hpp"
#include "core/config.hpp"
#include "opendata/catalogue.hpp"
#include "opendata/catalogue_file.hpp"
#include "opendata/ckan_api.hpp"
#include "opendata/upload_check.hpp"
#include "storage/leadership.hpp"

namespace sen::opendata {

enum class DownloadFormat { kCsv, kJson, kXlsx };
std::string_view name(DownloadFormat f);
std::string_view media_type(DownloadFormat f);

// A release as a file: bytes and the fingerprint its ETag carries.
struct Download {
  std::shared_ptr<const std::string> bytes;
  std::string etag;  // "<sha256 of the release>-<format>", quoted
  std::chrono::system_clock::time_point modified;
};

// Open data as the application wires it: the pack's catalogue settings, the catalogue, the live
// datasets refreshed from the data brain on a schedule, downloads and the CKAN-compatible API.
class OpenData {
 public:
  struct Inputs {
    storage::Database& db;
    storage::Leadership& leadership;  // which instance publishes the periodic releases
    const Clock& clock;
    std::filesystem::path pack_dir;  // reads opendata/catalogue.json
    analytics::DataBrain& brain;
    std::function<std::string(const std::string&)> agency_name;  // "" for an unknown agency
    std::filesystem::path scratch_dir;
    std::string base_url;
    std::string version;
    OpenDataConfig config;
  };
  static Result<std::unique_ptr<OpenData>> open(Inputs in);
  ~OpenData() { stop(); }

  // Loads the catalogue, records the pack's live datasets, publishes a first release of each, then
  // refreshes them every opendata.refresh_interval_seconds.
  Status start();
  void stop();

  // Rebuilds one live dataset now: the release written, or nullopt when its table did not change.
  Result<std::optional<int>> refresh(const std::string& name, const std::string& actor);
  // Every live dataset; the number of releases written.
  Result<int> refresh_all(const std::string& actor);

  // A dataset an agency publishes from files: its metadata and data dictionary, checked against the
  // pack (theme, licence) and the agencies; kConflict when the name is taken, kInvalidArgument naming
  // the member otherwise (a column marked personal among them: such a dataset is never published).
  Status create_upload_dataset(const Dataset& d, const std::string& actor);
  // A file for an uploaded dataset: every row checked against the dictionary; nothing is published
  // when one fails (the problems say where) or when `dry_run`. The release written, if any.
  struct UploadOutcome {
    std::size_t rows = 0;
    std::vector<UploadProblem> problems;
    std::optional<int> release;  // nullopt: a dry run, problems, or the same table as the latest
  };
  Result<UploadOutcome> upload(const std::string& name, const tables::Records& records, bool dry_run,
                               const std::string& actor);

  // A release rendered in `format`, kept in memory once rendered (releases never change).
  Result<Download> download(const std::string& dataset, std::optional<int> release, DownloadFormat format);

  CkanAnswer ckan(std::string_view action, const boost::json::object& params) const;

  Catalogue& catalogue() { return catalogue_; }
  const PackCatalogue& pack() const { return pack_; }
  const OpenDataConfig& config() const { return config_; }
  std::string publisher_name(const std::string& code) const { return agency_name_(code); }

 private:
  OpenData(Inputs& in, PackCatalogue pack);
  void loop();

  storage::Leadership& leadership_;
  const Clock& clock_;
  analytics::DataBrain& brain_;
  std::function<std::string(const std::string&)> agency_name_;
  std::filesystem::path scratch_dir_;
  OpenDataConfig config_;
  PackCatalogue pack_;
  Catalogue catalogue_;
  PackageCache packages_;
  CkanSite site_;

  std::mutex render_mutex_;
  std::map<std::string, std::shared_ptr<const std::string>> rendered_;  // key: sha256 + format

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sen::opendata
