#include "backup/backup.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <array>
#include <boost/json.hpp>
#include <fstream>
#include <memory>
#include <set>
#include <vector>

#include "core/json_parse.hpp"
#include "storage/database.hpp"
#include "storage/snapshot.hpp"

namespace sen::backup {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

constexpr std::string_view kFormat = "sen-backup/1";
constexpr std::string_view kManifest = "manifest.json";

struct FileEntry {
  std::string path;  // relative to the backup, with '/'
  std::uintmax_t size = 0;
  std::string sha256;
};

Result<std::string> file_sha256(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::kNotFound, "cannot read " + path.string());
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  std::array<char, 1 << 16> buffer{};
  while (in) {
    in.read(buffer.data(), buffer.size());
    EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<std::size_t>(in.gcount()));
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx.get(), digest.data(), &length);
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

// What the data directory holds besides the database: papers, results, keys. The live database
// files are the snapshot's business, and scratch files are nobody's.
bool belongs_in_backup(const fs::path& relative) {
  const std::string first = relative.begin()->string();
  return first != "sen.db" && first != "sen.db-wal" && first != "sen.db-shm" && first != "sen.db-journal" &&
         first != "tmp";
}

tl::unexpected<Error> fail_io(const std::string& what, const std::error_code& ec) {
  return fail(ErrorCode::kInternal, fmt::format("{}: {}", what, ec.message()));
}

Result<Summary> write_backup(const StorageConfig& config, const fs::path& target, const Clock& clock,
                             std::string_view version, const ReferencedFiles& referenced,
                             const Progress& progress) {
  std::error_code ec;
  const fs::path database_file = storage::snapshot_file_name(config);
  if (auto s = storage::snapshot_database(config, target / database_file); !s)
    return tl::unexpected(s.error());

  // The data directory's files, listed first so progress knows the total.
  const fs::path data_dir(config.data_dir);
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(data_dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path relative = fs::relative(it->path(), data_dir);
    if (!belongs_in_backup(relative)) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) files.push_back(relative);
  }
  if (ec) return fail_io("cannot list " + data_dir.string(), ec);

  std::vector<FileEntry> entries;
  Summary summary;
  auto add = [&](const fs::path& relative_in_backup) -> Status {
    const fs::path path = target / relative_in_backup;
    auto hash = file_sha256(path);
    if (!hash) return tl::unexpected(hash.error());
    const auto size = fs::file_size(path, ec);
    if (ec) return fail_io("cannot read " + path.string(), ec);
    entries.push_back({relative_in_backup.generic_string(), size, *hash});
    ++summary.files;
    summary.bytes += size;
    return {};
  };
  if (auto s = add(database_file); !s) return tl::unexpected(s.error());
  for (std::size_t i = 0; i < files.size(); ++i) {
    const fs::path to = target / "data" / files[i];
    fs::create_directories(to.parent_path(), ec);
    if (ec) return fail_io("cannot create " + to.parent_path().string(), ec);
    fs::copy_file(data_dir / files[i], to, ec);
    // A scratch or replaced file removed since it was listed: the snapshot check below decides.
    if (ec == std::errc::no_such_file_or_directory) continue;
    if (ec) return fail_io("cannot copy " + files[i].string(), ec);
    if (auto s = add(fs::path("data") / files[i]); !s) return tl::unexpected(s.error());
    if (progress) progress(i + 1, files.size());
  }
  if (progress && files.empty()) progress(0, 0);

  if (config.database_url.empty()) {
    auto snapshot = storage::open_sqlite((target / database_file).string(), 5000);
    if (!snapshot) return tl::unexpected(snapshot.error());
    auto names = referenced(**snapshot);
    if (!names) return tl::unexpected(names.error());
    for (const auto& name : *names) {
      if (!fs::exists(target / "data" / "files" / name)) {
        return fail(ErrorCode::kConflict,
                    fmt::format("the stored file {} was removed while the backup ran; run it again", name));
      }
    }
  }

  json::array listed;
  for (const auto& e : entries)
    listed.push_back(json::object{{"path", e.path}, {"size", e.size}, {"sha256", e.sha256}});
  const json::object manifest{
      {"format", kFormat},
      {"created_at", format_rfc3339(clock.now())},
      {"sen_version", version},
      {"database", json::object{{"kind", config.database_url.empty() ? "sqlite" : "postgresql"},
                                {"file", database_file.generic_string()}}},
      {"files", std::move(listed)}};
  // Written last and renamed into place: a backup without its manifest is visibly unfinished.
  const fs::path partial = target / "manifest.json.partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << json::serialize(manifest) << '\n';
    out.flush();
    if (!out) return fail(ErrorCode::kInternal, "cannot write " + partial.string());
  }
  fs::rename(partial, target / kManifest, ec);
  if (ec) return fail_io("cannot write the manifest", ec);
  return summary;
}

struct Manifest {
  std::string database_kind, database_file;
  std::vector<FileEntry> files;
};

Result<Manifest> read_manifest(const fs::path& backup) {
  std::ifstream in(backup / kManifest, std::ios::binary);
  if (!in)
    return fail(ErrorCode::kInvalidArgument, "no manifest.json: not a Sen backup, or an unfinished one",
                "backup");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  boost::system::error_code ec;
  const json::value v = parse_json(text, ec);
  const json::object* o = v.if_object();
  if (ec || o == nullptr || !o->contains("format") || o->at("format") != json::value(kFormat) ||
      !o->contains("files") || !o->at("files").is_array() || !o->contains("database")) {
    return fail(ErrorCode::kInvalidArgument, "manifest.json is not a sen-backup/1 manifest", "backup");
  }
  Manifest m;
  try {
    const auto& db = o->at("database").as_object();
    m.database_kind = std::string(db.at("kind").as_string());
    m.database_file = std::string(db.at("file").as_string());
    for (const auto& f : o->at("files").as_array()) {
      const auto& e = f.as_object();
      m.files.push_back({std::string(e.at("path").as_string()),
                         static_cast<std::uintmax_t>(e.at("size").to_number<std::uint64_t>()),
                         std::string(e.at("sha256").as_string())});
    }
  } catch (const std::exception&) {
    return fail(ErrorCode::kInvalidArgument, "manifest.json is not a sen-backup/1 manifest", "backup");
  }
  for (const auto& f : m.files) {
    // Paths stay inside the backup.
    const fs::path p(f.path);
    if (p.is_absolute() || f.path.find("..") != std::string::npos)
      return fail(ErrorCode::kInvalidArgument, "manifest.json names a path outside the backup: " + f.path,
                  "backup");
  }
  return m;
}

Result<Summary> check(const fs::path& backup, const Manifest& m, const Progress& progress) {
  Summary summary;
  for (std::size_t i = 0; i < m.files.size(); ++i) {
    const auto& f = m.files[i];
    auto hash = file_sha256(backup / f.path);
    if (!hash) return fail(ErrorCode::kInvalidArgument, "the backup lacks " + f.path, "backup");
    if (*hash != f.sha256) {
      return fail(ErrorCode::kInvalidArgument, "the backup's " + f.path + " differs from its manifest",
                  "backup");
    }
    ++summary.files;
    summary.bytes += f.size;
    if (progress) progress(i + 1, m.files.size());
  }
  return summary;
}

}  // namespace

Result<Summary> create_backup(const StorageConfig& config, const fs::path& target, const Clock& clock,
                              std::string_view version, const ReferencedFiles& referenced,
                              const Progress& progress) {
  std::error_code ec;
  if (fs::exists(target, ec) && !fs::is_empty(target, ec)) {
    return fail(ErrorCode::kConflict, target.string() + " exists and is not empty", "to");
  }
  fs::create_directories(target, ec);
  if (ec) return fail_io("cannot create " + target.string(), ec);
  auto done = write_backup(config, target, clock, version, referenced, progress);
  if (!done) fs::remove_all(target, ec);
  return done;
}

Result<Summary> verify_backup(const fs::path& backup, const Progress& progress) {
  auto m = read_manifest(backup);
  if (!m) return tl::unexpected(m.error());
  return check(backup, *m, progress);
}

Result<Summary> restore_backup(const fs::path& backup, const StorageConfig& into, const Progress& progress) {
  auto m = read_manifest(backup);
  if (!m) return tl::unexpected(m.error());
  const bool to_postgres = !into.database_url.empty();
  if (m->database_kind != (to_postgres ? "postgresql" : "sqlite")) {
    return fail(
        ErrorCode::kInvalidArgument,
        fmt::format("the backup holds a {} database; restore it into the same kind", m->database_kind),
        "database_url");
  }
  std::error_code ec;
  const fs::path data_dir(into.data_dir);
  if (fs::exists(data_dir, ec) && !fs::is_empty(data_dir, ec)) {
    return fail(ErrorCode::kConflict, data_dir.string() + " is not empty: restore into a new data directory",
                "data_dir");
  }
  auto checked = check(backup, *m, progress);
  if (!checked) return checked;
  fs::create_directories(data_dir, ec);
  if (ec) return fail_io("cannot create " + data_dir.string(), ec);
  for (const auto& f : m->files) {
    if (f.path.rfind("data/", 0) != 0) continue;
    const fs::path to = data_dir / f.path.substr(5);
    fs::create_directories(to.parent_path(), ec);
    if (!ec) fs::copy_file(backup / f.path, to, ec);
    if (ec) return fail_io("cannot restore " + f.path, ec);
  }
  if (auto s = storage::restore_database(into, backup / m->database_file); !s)
    return tl::unexpected(s.error());
  return checked;
}

}  // namespace sen::backup
