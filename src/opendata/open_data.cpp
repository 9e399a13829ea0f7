#include "opendata/open_data.hpp"

#include <spdlog/spdlog.h>

#include "analytics/follower.hpp"
#include "opendata/dataset_json.hpp"
#include "opendata/live_table.hpp"
#include "tables/csv.hpp"
#include "tables/xlsx_writer.hpp"

namespace sen::opendata {

namespace json = boost::json;

std::string_view name(DownloadFormat f) {
  switch (f) {
    case DownloadFormat::kCsv:
      return "csv";
    case DownloadFormat::kJson:
      return "json";
    case DownloadFormat::kXlsx:
      return "xlsx";
  }
  return "";
}

std::string_view media_type(DownloadFormat f) {
  switch (f) {
    case DownloadFormat::kCsv:
      return "text/csv; charset=utf-8";
    case DownloadFormat::kJson:
      return "application/json";
    case DownloadFormat::kXlsx:
      return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }
  return "";
}

namespace {

// Machine-readable files name columns by their ids, as the DataStore does.
tables::Table release_table(const Release& r) {
  tables::Table t;
  t.title = "data";
  for (const auto& c : r.columns) t.headers.push_back(c.id);
  t.rows.reserve(r.rows.size());
  for (const auto& row : r.rows) {
    std::vector<tables::Cell> cells;
    cells.reserve(row.size());
    for (const auto& v : row) {
      if (v.is_string()) {
        cells.emplace_back(std::string(v.as_string()));
      } else if (v.is_int64()) {
        cells.emplace_back(v.as_int64());
      } else if (v.is_number()) {
        cells.emplace_back(v.to_number<double>());
      } else {
        cells.emplace_back();
      }
    }
    t.rows.push_back(std::move(cells));
  }
  return t;
}

std::string release_json(const Release& r) {
  json::array records;
  records.reserve(r.rows.size());
  for (const auto& row : r.rows) {
    json::object rec;
    for (std::size_t i = 0; i < r.columns.size() && i < row.size(); ++i) rec[r.columns[i].id] = row[i];
    records.push_back(std::move(rec));
  }
  return json::serialize(json::object{{"dataset", r.dataset},
                                      {"release", r.number},
                                      {"created", format_rfc3339(r.created_at)},
                                      {"sha256", r.sha256},
                                      {"columns", columns_json(r.columns)},
                                      {"records", std::move(records)}});
}

}  // namespace

namespace {

// Agency names change rarely and are read for every dataset a search returns: remembered once read.
std::function<std::string(const std::string&)> remembered(
    std::function<std::string(const std::string&)> lookup) {
  struct Memo {
    std::mutex mutex;
    std::map<std::string, std::string, std::less<>> names;
  };
  return [lookup = std::move(lookup), memo = std::make_shared<Memo>()](const std::string& code) {
    {
      std::lock_guard lock(memo->mutex);
      if (auto it = memo->names.find(code); it != memo->names.end()) return it->second;
    }
    auto name = lookup(code);
    std::lock_guard lock(memo->mutex);
    if (!name.empty()) memo->names[code] = name;
    return name;
  };
}

}  // namespace

OpenData::OpenData(Inputs& in, PackCatalogue pack)
    : leadership_(in.leadership),
      clock_(in.clock),
      brain_(in.brain),
      agency_name_(remembered(in.agency_name)),
      scratch_dir_(in.scratch_dir),
      config_(in.config),
      pack_(std::move(pack)),
      catalogue_(in.db, in.clock),
      site_{catalogue_,
            pack_,
            agency_name_,
            in.base_url,
            in.version,
            config_.search_rows_max,
            config_.datastore_rows_max,
            packages_} {
  while (!site_.base_url.empty() && site_.base_url.back() == '/') site_.base_url.pop_back();
}

Result<std::unique_ptr<OpenData>> OpenData::open(Inputs in) {
  auto pack = load_pack_catalogue(in.pack_dir / "opendata" / "catalogue.json", in.brain.metadata(),
                                  [&](const std::string& code) { return !in.agency_name(code).empty(); });
  if (!pack) return tl::unexpected(pack.error());
  return std::unique_ptr<OpenData>(new OpenData(in, std::move(*pack)));
}

Status OpenData::start() {
  if (auto ok = catalogue_.load(); !ok) return ok;
  if (leadership_.check()) {
    for (const auto& d : pack_.live)
      if (auto ok = catalogue_.put(d, ""); !ok) return ok;
    if (auto first = refresh_all(""); !first) return tl::unexpected(first.error());
  }
  thread_ = std::thread([this] { loop(); });
  return {};
}

void OpenData::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void OpenData::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::seconds(config_.refresh_interval_seconds));
    if (stopping_) break;
    lock.unlock();
    // The leader publishes; another instance reads what it published (and what agencies uploaded
    // through any instance), so every instance answers with the same releases.
    if (leadership_.check()) {
      if (auto n = refresh_all(""); !n)
        spdlog::warn("open data: refreshing live datasets failed: {}",
                     n.error().internal.empty() ? n.error().message : n.error().internal);
    } else if (auto loaded = catalogue_.load(); !loaded) {
      spdlog::warn("open data: reading the catalogue failed: {}", loaded.error().internal);
    }
    lock.lock();
  }
}

Result<std::optional<int>> OpenData::refresh(const std::string& name, const std::string& actor) {
  const auto d = catalogue_.find(name);
  if (!d) return fail(ErrorCode::kNotFound, "No dataset " + name, "dataset");
  if (!d->live) return fail(ErrorCode::kConflict, "Dataset " + name + " is uploaded, not live", "dataset");
  auto table = build_live_table(*d->live, brain_.engine(), analytics::current_month(clock_),
                                config_.suppression_threshold);
  if (!table) return tl::unexpected(table.error());
  return catalogue_.publish(name, std::move(table->columns), std::move(table->rows),
                            "Làm mới từ bộ não dữ liệu / Refreshed from the data brain", actor);
}

Result<int> OpenData::refresh_all(const std::string& actor) {
  int written = 0;
  for (const auto& d : catalogue_.datasets()) {
    if (!d->live) continue;
    auto r = refresh(d->meta.name, actor);
    if (!r) return tl::unexpected(r.error());
    if (*r) ++written;
  }
  return written;
}

Status OpenData::create_upload_dataset(const Dataset& d, const std::string& actor) {
  if (d.kind != DatasetKind::kUpload || d.live)
    return fail(ErrorCode::kInvalidArgument, "Only uploaded datasets are created here", "kind");
  if (!pack_.theme(d.meta.theme))
    return fail(ErrorCode::kInvalidArgument, "Unknown theme " + d.meta.theme, "theme");
  if (!pack_.licence(d.meta.licence))
    return fail(ErrorCode::kInvalidArgument, "Unknown licence " + d.meta.licence, "licence");
  if (agency_name_(d.meta.publisher).empty())
    return fail(ErrorCode::kInvalidArgument, "Unknown agency " + d.meta.publisher, "publisher");
  if (!brain_.tree().find(d.meta.spatial))
    return fail(ErrorCode::kInvalidArgument, "Unknown place " + d.meta.spatial, "spatial");
  if (d.dictionary.empty())
    return fail(ErrorCode::kInvalidArgument, "A dictionary of columns is required", "dictionary");
  for (const auto& c : d.dictionary)
    if (c.personal)
      return fail(
          ErrorCode::kInvalidArgument,
          "Column " + c.id + " is marked personal: data about persons is never published as open data",
          "dictionary");
  if (catalogue_.find(d.meta.name))
    return fail(ErrorCode::kConflict, "A dataset named " + d.meta.name + " exists", "name");
  return catalogue_.put(d, actor);
}

Result<OpenData::UploadOutcome> OpenData::upload(const std::string& name, const tables::Records& records,
                                                 bool dry_run, const std::string& actor) {
  const auto d = catalogue_.find(name);
  if (!d) return fail(ErrorCode::kNotFound, "No dataset " + name, "name");
  if (d->kind != DatasetKind::kUpload)
    return fail(ErrorCode::kConflict, "Dataset " + name + " is live: the data brain fills it", "name");
  auto checked = check_upload(d->dictionary, records, static_cast<std::size_t>(config_.upload_max_rows));
  UploadOutcome out;
  out.rows = records.empty() ? 0 : records.size() - 1;
  out.problems = std::move(checked.problems);
  if (!out.problems.empty() || dry_run) return out;
  auto written = catalogue_.publish(name, d->dictionary, std::move(checked.rows),
                                    "Tệp do cơ quan công bố / File published by the agency", actor);
  if (!written) return tl::unexpected(written.error());
  out.release = *written;
  return out;
}

Result<Download> OpenData::download(const std::string& dataset, std::optional<int> number,
                                    DownloadFormat format) {
  std::shared_ptr<const Release> release;
  if (number) {
    auto r = catalogue_.release(dataset, *number);
    if (!r) return tl::unexpected(r.error());
    release = std::move(*r);
  } else {
    if (!catalogue_.find(dataset)) return fail(ErrorCode::kNotFound, "No dataset " + dataset, "dataset");
    release = catalogue_.latest(dataset);
    if (!release) return fail(ErrorCode::kNotFound, "Dataset " + dataset + " has no release yet", "release");
  }
  const std::string key = release->sha256 + std::string(name(format));
  Download out{nullptr, "\"" + key + "\"", release->created_at};
  {
    std::lock_guard lock(render_mutex_);
    if (auto it = rendered_.find(key); it != rendered_.end()) {
      out.bytes = it->second;
      return out;
    }
  }
  std::string bytes;
  switch (format) {
    case DownloadFormat::kCsv:
      bytes = tables::write_csv(release_table(*release), tables::Decimals::kExact);
      break;
    case DownloadFormat::kJson:
      bytes = release_json(*release);
      break;
    case DownloadFormat::kXlsx: {
      auto x = tables::write_xlsx(release_table(*release), scratch_dir_);
      if (!x) return tl::unexpected(x.error());
      bytes = std::move(*x);
      break;
    }
  }
  out.bytes = std::make_shared<const std::string>(std::move(bytes));
  std::lock_guard lock(render_mutex_);
  // A bounded memory: past 64 renders the cache starts again (releases are re-rendered on demand).
  if (rendered_.size() >= 64) rendered_.clear();
  rendered_[key] = out.bytes;
  return out;
}

CkanAnswer OpenData::ckan(std::string_view action, const json::object& params) const {
  return ckan_action(site_, action, params);
}

}  // namespace sen::opendata
