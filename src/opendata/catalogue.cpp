#include "opendata/catalogue.hpp"

#include <fmt/format.h>

#include "audit/audit_log.hpp"
#include "core/json_parse.hpp"
#include "core/sha256.hpp"
#include "opendata/dataset_json.hpp"

namespace sen::opendata {

namespace json = boost::json;
using Clock_ = std::chrono::system_clock;

namespace {

std::string definition_text(const Dataset& d) {
  json::object o;
  if (d.live) o["live"] = live_json(*d.live);
  if (!d.dictionary.empty()) o["dictionary"] = columns_json(d.dictionary);
  return json::serialize(o);
}

Result<Dataset> dataset_of(const storage::Row& row) {
  const std::string origin = "stored dataset " + row.text(0);
  const JsonReader r(origin);
  Dataset d;
  d.kind = row.text(1) == "live" ? DatasetKind::kLive : DatasetKind::kUpload;
  boost::system::error_code ec;
  auto meta = parse_json(row.text(2), ec);
  if (ec || !meta.is_object()) return fail_internal(origin + ": metadata is not JSON");
  auto m = read_meta(r, meta.as_object(), "metadata");
  if (!m) return tl::unexpected(m.error());
  d.meta = std::move(*m);
  auto definition = parse_json(row.text(3), ec);
  if (ec || !definition.is_object()) return fail_internal(origin + ": definition is not JSON");
  if (const auto* live = definition.as_object().if_contains("live")) {
    auto l = read_live(r, live->as_object(), "live");
    if (!l) return tl::unexpected(l.error());
    d.live = *l;
  }
  if (const auto* dictionary = definition.as_object().if_contains("dictionary")) {
    auto c = read_columns(r, *dictionary, "dictionary");
    if (!c) return tl::unexpected(c.error());
    d.dictionary = std::move(*c);
  }
  auto created = parse_rfc3339(row.text(4));
  auto modified = parse_rfc3339(row.text(5));
  if (!created || !modified) return fail_internal(origin + ": bad times");
  d.created_at = *created;
  d.modified_at = *modified;
  return d;
}

void serialize_records(Release& r) {
  r.records_json.clear();
  r.record_ends.clear();
  r.record_ends.reserve(r.rows.size());
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    json::object rec;
    rec["_id"] = static_cast<std::int64_t>(i + 1);
    for (std::size_t c = 0; c < r.columns.size() && c < r.rows[i].size(); ++c)
      rec[r.columns[c].id] = r.rows[i][c];
    if (i > 0) r.records_json += ',';
    r.records_json += json::serialize(rec);
    r.record_ends.push_back(r.records_json.size());
  }
}

}  // namespace

Status Catalogue::load() {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto rows = (*conn)->execute(
      "SELECT name, kind, metadata, definition, created_at, modified_at FROM opendata_datasets ORDER BY "
      "name");
  if (!rows) return tl::unexpected(rows.error());
  std::map<std::string, Entry, std::less<>> loaded;
  for (const auto& row : rows->rows) {
    auto d = dataset_of(row);
    if (!d) return tl::unexpected(d.error());
    const std::string name = d->meta.name;  // before the move: the right side of = runs first
    loaded[name].dataset = std::make_shared<const Dataset>(std::move(*d));
  }
  auto releases = (*conn)->execute(
      "SELECT dataset, number, created_at, sha256, row_count, note FROM opendata_releases ORDER BY dataset, "
      "number");
  if (!releases) return tl::unexpected(releases.error());
  for (const auto& row : releases->rows) {
    auto it = loaded.find(row.text(0));
    if (it == loaded.end()) continue;
    it->second.releases.push_back(ReleaseInfo{static_cast<int>(row.integer(1)),
                                              parse_rfc3339(row.text(2)).value_or(Clock_::time_point{}),
                                              row.text(3), row.integer(4), row.text(5)});
  }
  for (auto& [name, entry] : loaded) {
    if (entry.releases.empty()) continue;
    auto latest = read_release(**conn, name, entry.releases.back().number);
    if (!latest) return tl::unexpected(latest.error());
    entry.latest = std::move(*latest);
  }
  std::unique_lock lock(mutex_);
  entries_ = std::move(loaded);
  return {};
}

Status Catalogue::put(const Dataset& dataset, const std::string& actor) {
  auto d = std::make_shared<Dataset>(dataset);
  const auto now = clock_.now();
  bool changed = false;
  auto written = db_.write_transaction([&](storage::Connection& conn) -> Status {
    changed = false;
    auto existing = conn.execute(
        "SELECT created_at, modified_at, metadata, definition FROM opendata_datasets WHERE name = $1",
        {d->meta.name});
    if (!existing) return tl::unexpected(existing.error());
    const std::string meta = json::serialize(meta_json(d->meta));
    const std::string definition = definition_text(*d);
    d->created_at = d->modified_at = now;
    if (!existing->rows.empty()) {
      const auto& row = existing->rows[0];
      d->created_at = parse_rfc3339(row.text(0)).value_or(now);
      if (row.text(2) == meta && row.text(3) == definition) {
        d->modified_at = parse_rfc3339(row.text(1)).value_or(now);
        return {};  // unchanged: no write, no audit entry
      }
    }
    changed = true;
    auto ok = conn.execute(
        "INSERT INTO opendata_datasets (name, kind, metadata, definition, created_at, modified_at) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, "
        "metadata = excluded.metadata, definition = excluded.definition, modified_at = excluded.modified_at",
        {d->meta.name, std::string(name(d->kind)), meta, definition, format_rfc3339(d->created_at),
         format_rfc3339(now)});
    if (!ok) return tl::unexpected(ok.error());
    return audit::append(
        conn,
        audit::Entry{
            actor, "", existing->rows.empty() ? "opendata.dataset.create" : "opendata.dataset.update",
            "dataset", d->meta.name, d->meta.spatial,
            json::serialize(json::object{{"kind", name(d->kind)}, {"publisher", d->meta.publisher}})},
        clock_);
  });
  if (!written) return written;
  std::unique_lock lock(mutex_);
  auto& entry = entries_[d->meta.name];
  if (changed || !entry.dataset) entry.dataset = std::move(d);
  return {};
}

Result<std::optional<int>> Catalogue::publish(const std::string& dataset, std::vector<Column> columns,
                                              std::vector<std::vector<Value>> rows, const std::string& note,
                                              const std::string& actor) {
  for (const auto& c : columns)
    if (c.personal)
      return fail(
          ErrorCode::kInvalidArgument,
          "Column " + c.id + " is marked personal in the dictionary: data about persons is never published",
          "dictionary");
  std::lock_guard one_at_a_time(publish_mutex_);
  const std::string content = release_content(columns, rows);
  const std::string sha = sha256_hex(content);
  int number = 1;
  std::string place;
  {
    std::shared_lock lock(mutex_);
    auto it = entries_.find(dataset);
    if (it == entries_.end()) return fail(ErrorCode::kNotFound, "No dataset " + dataset, "dataset");
    if (!it->second.releases.empty()) {
      if (it->second.releases.back().sha256 == sha) return std::optional<int>();
      number = it->second.releases.back().number + 1;
    }
    place = it->second.dataset->meta.spatial;
  }
  auto release = std::make_shared<Release>();
  release->dataset = dataset;
  release->number = number;
  release->created_at = clock_.now();
  release->sha256 = sha;
  release->note = note;
  release->columns = std::move(columns);
  release->rows = std::move(rows);
  serialize_records(*release);
  auto written = db_.write_transaction([&](storage::Connection& conn) -> Status {
    auto ok = conn.execute(
        "INSERT INTO opendata_releases (dataset, number, created_at, sha256, row_count, note, content) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {dataset, std::int64_t{number}, format_rfc3339(release->created_at), sha,
         static_cast<std::int64_t>(release->rows.size()), note, content});
    if (!ok) return tl::unexpected(ok.error());
    return audit::append(
        conn,
        audit::Entry{actor, "", "opendata.release.publish", "dataset", dataset, place,
                     json::serialize(json::object{{"release", number}, {"rows", release->rows.size()}})},
        clock_);
  });
  if (!written) return tl::unexpected(written.error());
  std::unique_lock lock(mutex_);
  auto& entry = entries_[dataset];
  entry.releases.push_back(
      ReleaseInfo{number, release->created_at, sha, static_cast<std::int64_t>(release->rows.size()), note});
  entry.latest = std::move(release);
  return std::optional<int>(number);
}

std::vector<std::shared_ptr<const Dataset>> Catalogue::datasets() const {
  std::shared_lock lock(mutex_);
  std::vector<std::shared_ptr<const Dataset>> out;
  out.reserve(entries_.size());
  for (const auto& [name, entry] : entries_) out.push_back(entry.dataset);
  return out;
}

std::shared_ptr<const Dataset> Catalogue::find(std::string_view name) const {
  std::shared_lock lock(mutex_);
  auto it = entries_.find(name);
  return it == entries_.end() ? nullptr : it->second.dataset;
}

std::vector<ReleaseInfo> Catalogue::releases(std::string_view name) const {
  std::shared_lock lock(mutex_);
  auto it = entries_.find(name);
  return it == entries_.end() ? std::vector<ReleaseInfo>{} : it->second.releases;
}

std::shared_ptr<const Release> Catalogue::latest(std::string_view name) const {
  std::shared_lock lock(mutex_);
  auto it = entries_.find(name);
  return it == entries_.end() ? nullptr : it->second.latest;
}

Result<std::shared_ptr<const Release>> Catalogue::release(std::string_view name, int number) const {
  {
    std::shared_lock lock(mutex_);
    auto it = entries_.find(name);
    if (it == entries_.end()) return fail(ErrorCode::kNotFound, "No dataset " + std::string(name), "dataset");
    if (it->second.latest && it->second.latest->number == number) return it->second.latest;
    const auto& list = it->second.releases;
    if (std::none_of(list.begin(), list.end(), [&](const ReleaseInfo& r) { return r.number == number; }))
      return fail(ErrorCode::kNotFound, fmt::format("Dataset {} has no release {}", name, number), "release");
  }
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  return read_release(**conn, std::string(name), number);
}

Result<std::shared_ptr<const Release>> Catalogue::read_release(storage::Connection& conn,
                                                               const std::string& dataset, int number) const {
  auto rows = conn.execute(
      "SELECT created_at, sha256, note, content FROM opendata_releases WHERE dataset = $1 AND number = $2",
      {dataset, std::int64_t{number}});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->rows.empty())
    return fail(ErrorCode::kNotFound, fmt::format("Dataset {} has no release {}", dataset, number),
                "release");
  const auto& row = rows->rows[0];
  auto r = std::make_shared<Release>();
  r->dataset = dataset;
  r->number = number;
  r->created_at = parse_rfc3339(row.text(0)).value_or(Clock_::time_point{});
  r->sha256 = row.text(1);
  r->note = row.text(2);
  if (auto ok = read_release_content(row.text(3), *r); !ok) return tl::unexpected(ok.error());
  serialize_records(*r);
  return std::shared_ptr<const Release>(std::move(r));
}

}  // namespace sen::opendata
