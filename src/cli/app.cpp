#include "cli/app.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstdio>

#include "calendar/working_calendar.hpp"
#include "core/logging.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "places/admin_units_pack.hpp"
#include "places/place_repository.hpp"
#include "storage/migrations.hpp"

namespace sen::cli {
namespace {

int report(const Error& e, int code = 1) {
  spdlog::error("{}{}", e.message, e.internal.empty() ? "" : " (" + e.internal + ")");
  return code;
}

Result<std::unique_ptr<storage::Database>> open_migrated(const Config& config, bool migrate) {
  auto db = storage::open_database(config.storage);
  if (!db) return db;
  if (migrate) {
    auto applied = storage::apply_migrations(**db, SystemClock());
    if (!applied) return tl::unexpected(applied.error());
    if (*applied > 0) spdlog::info("applied {} migration(s)", *applied);
  }
  auto status = storage::check_migrations(**db);
  if (!status) return tl::unexpected(status.error());
  if (!status->up_to_date()) {
    return fail(ErrorCode::kConflict,
                fmt::format("the database schema is at version {}, this binary needs {}: "
                            "run `sen migrate` first",
                            status->applied_version, status->latest_version));
  }
  return db;
}

Result<int> load_pack(storage::Database& db, const Config& config) {
  auto places = places::load_admin_units(config.pack_dir);
  if (!places) return tl::unexpected(places.error());
  places::PlaceRepository repo(db);
  return repo.upsert_places(*places);
}

// Demo data: the People's Committee of every province and commune and each province's public-service
// centre, so agency lookups have something real-shaped to show.
Result<int> load_demo_agencies(storage::Database& db) {
  places::PlaceRepository repo(db);
  std::vector<places::Agency> agencies;
  storage::PageRequest page{1000, ""};
  for (;;) {
    auto batch = repo.list(places::PlaceFilter{}, page);
    if (!batch) return tl::unexpected(batch.error());
    for (const auto& p : batch->items) {
      if (p.level == "nation") continue;
      agencies.push_back({"UBND-" + p.code, "Ủy ban nhân dân " + p.name, "people_committee", p.code});
      if (p.level == "province") {
        agencies.push_back({"TTPVHCC-" + p.code, "Trung tâm Phục vụ hành chính công " + p.name,
                            "public_service_center", p.code});
      }
    }
    if (!batch->next_after) break;
    page.after = *batch->next_after;
  }
  return repo.upsert_agencies(agencies);
}

int serve(const Config& config, storage::Database& db) {
  auto cal = calendar::WorkingCalendar::load_directory(std::filesystem::path(config.pack_dir) / "calendar");
  if (!cal) return report(cal.error(), 2);
  places::PlaceRepository places(db);
  if (auto n = places.count_places(); n && *n == 0) {
    spdlog::warn("no administrative units loaded; run `sen migrate` with pack.dir set");
  }
  auto files = http::StaticFiles::load(config.web_dir);
  if (!files) spdlog::warn("{}; serving the API only", files.error().message);

  http::Metrics metrics;
  http::Router router;
  http::ApiContext ctx{db, places, *cal, metrics, std::string(kVersion)};
  http::add_all_routes(router, ctx);
  http::Server server(config.server, router, metrics, files ? &*files : nullptr, config.access_log);
  auto url = server.bind();
  if (!url) return report(url.error(), 2);
  // Tests and scripts wait for this exact line.
  std::fprintf(stdout, "Sen listening on %s\n", url->c_str());
  std::fflush(stdout);
  spdlog::info(
      "serving {} (storage: {})", *url,
      db.dialect() == storage::Dialect::kSqlite ? "SQLite in " + config.storage.data_dir : "PostgreSQL");
  server.run();
  spdlog::info("stopped");
  return 0;
}

bool start_logging(const Config& config) {
  if (auto s = configure_logging(config.log_level); !s) {
    std::fprintf(stderr, "%s\n", s.error().message.c_str());
    return false;
  }
  return true;
}

}  // namespace

int run_serve(const Config& config) {
  if (!start_logging(config)) return 2;
  auto db = open_migrated(config, false);
  if (!db) return report(db.error());
  return serve(config, **db);
}

int run_migrate(const Config& config) {
  if (!start_logging(config)) return 2;
  auto db = open_migrated(config, true);
  if (!db) return report(db.error());
  auto loaded = load_pack(**db, config);
  if (!loaded) return report(loaded.error());
  spdlog::info("schema up to date; {} administrative units loaded from {}", *loaded, config.pack_dir);
  return 0;
}

int run_demo(const Config& config) {
  if (!start_logging(config)) return 2;
  auto db = open_migrated(config, true);
  if (!db) return report(db.error());
  auto loaded = load_pack(**db, config);
  if (!loaded) return report(loaded.error());
  auto agencies = load_demo_agencies(**db);
  if (!agencies) return report(agencies.error());
  spdlog::info("demo data: {} administrative units, {} agencies", *loaded, *agencies);
  return serve(config, **db);
}

int run_check_config(const Config& config) {
  for (const auto& s : settings()) {
    std::printf("%-28s = %-40s # %s (env %s)\n", s.key.c_str(), masked_value(s, config).c_str(),
                s.description.c_str(), s.env_name().c_str());
  }
  if (auto s = configure_logging(config.log_level); !s) {
    std::fprintf(stderr, "error: %s\n", s.error().message.c_str());
    return 2;
  }
  return 0;
}

}  // namespace sen::cli
