#include "cli/app.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <termios.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "analytics/data_brain.hpp"
#include "assessment/assessment_import.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/assessments.hpp"
#include "assessment/framework_file.hpp"
#include "assessment/programme.hpp"
#include "assessment/solution_register.hpp"
#include "assessment/support_applications.hpp"
#include "audit/audit_log.hpp"
#include "backup/backup.hpp"
#include "calendar/working_calendar.hpp"
#include "core/json_parse.hpp"
#include "core/key_seal.hpp"
#include "core/logging.hpp"
#include "core/rate_limiter.hpp"
#include "demo/national_history.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "identity/account_service.hpp"
#include "identity/identity_number.hpp"
#include "identity/official_import.hpp"
#include "identity/roles.hpp"
#include "opendata/open_data.hpp"
#include "pki/credential_store.hpp"
#include "places/admin_units_pack.hpp"
#include "places/agency_pack.hpp"
#include "places/place_repository.hpp"
#include "services/dossier_service.hpp"
#include "services/notifier.hpp"
#include "services/outbox_worker.hpp"
#include "services/procedure_catalog.hpp"
#include "services/procedure_pack.hpp"
#include "services/procedure_rules.hpp"
#include "storage/bulk_load.hpp"
#include "storage/leadership.hpp"
#include "storage/migrations.hpp"
#include "storage/shared_rate_limiter.hpp"

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
  auto restored = storage::restore_suspended_indexes(**db);
  if (!restored) return tl::unexpected(restored.error());
  if (*restored > 0)
    spdlog::warn("rebuilt {} index(es) that an interrupted bulk load had set aside", *restored);
  return db;
}

// The country pack: administrative units, the agencies in them, and the procedures, all read and checked
// before any is written. Idempotent.
Result<int> load_pack(storage::Database& db, const Config& config) {
  auto places = places::load_admin_units(config.pack_dir);
  if (!places) return tl::unexpected(places.error());
  auto agencies = places::load_agencies(config.pack_dir, *places);
  if (!agencies) return tl::unexpected(agencies.error());
  auto procedures = services::load_procedure_directory(std::filesystem::path(config.pack_dir) / "procedures");
  if (!procedures) return tl::unexpected(procedures.error());
  if (auto routed = services::check_routing(*procedures, *agencies); !routed) {
    return tl::unexpected(routed.error());
  }
  places::PlaceRepository repo(db);
  auto loaded = repo.upsert_places(*places);
  if (!loaded) return loaded;
  auto agencies_loaded = repo.upsert_agencies(*agencies);
  if (!agencies_loaded) return tl::unexpected(agencies_loaded.error());
  SystemClock clock;
  services::ProcedureCatalog catalog(db, clock);
  auto changed = catalog.load_pack(*procedures);
  if (!changed) return tl::unexpected(changed.error());
  spdlog::info("{} agencies, {} procedures in the pack, {} procedures new or updated", *agencies_loaded,
               procedures->size(), *changed);
  return loaded;
}

// One-time passwords leave through the e-mail outbox, in the transaction that sets them.
identity::MailQueue outbox_mail(const Config& config, const Clock& clock) {
  return [&config, &clock](storage::Connection& conn, const identity::OneTimePasswordMail& mail) {
    return services::queue_one_time_password(conn, mail, config.services.public_url, clock);
  };
}

// A line read from the terminal without echo; kInvalidArgument when there is no terminal.
Result<std::string> read_hidden(const char* prompt) {
  std::FILE* tty = std::fopen("/dev/tty", "r+");
  if (tty == nullptr) {
    return fail(ErrorCode::kInvalidArgument,
                "No terminal to ask for the password on: use --password-env VAR or --one-time-password",
                "password");
  }
  const int fd = fileno(tty);
  termios saved{};
  const bool is_terminal = tcgetattr(fd, &saved) == 0;
  if (is_terminal) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(fd, TCSAFLUSH, &quiet);
  }
  std::fputs(prompt, tty);
  std::fflush(tty);
  std::string line;
  for (int c = std::fgetc(tty); c != EOF && c != '\n'; c = std::fgetc(tty)) line += static_cast<char>(c);
  if (is_terminal) tcsetattr(fd, TCSAFLUSH, &saved);
  std::fputs("\n", tty);
  std::fclose(tty);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

Result<std::string> admin_password(const AdminCommand& command) {
  if (command.one_time) return identity::one_time_password();
  if (!command.password_env.empty()) {
    const char* value = std::getenv(command.password_env.c_str());
    if (value == nullptr || *value == '\0') {
      return fail(ErrorCode::kInvalidArgument,
                  fmt::format("The environment variable {} is not set", command.password_env),
                  "password-env");
    }
    return std::string(value);
  }
  auto first = read_hidden("Password: ");
  if (!first) return first;
  auto second = read_hidden("Password again: ");
  if (!second) return second;
  if (*first != *second) return fail(ErrorCode::kInvalidArgument, "The two passwords differ", "password");
  return first;
}

// A progress bar on standard error while it is a terminal, with the rate and the time left; nothing
// otherwise.
std::function<void(std::size_t, std::size_t)> progress_bar(std::string label) {
  if (isatty(STDERR_FILENO) == 0) return {};
  const auto started = std::chrono::steady_clock::now();
  return [label = std::move(label), started](std::size_t done, std::size_t total) {
    constexpr std::size_t kWidth = 30;
    const std::size_t filled = total == 0 ? kWidth : std::min(kWidth, done * kWidth / total);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
    const double left = rate > 0 && total > done ? static_cast<double>(total - done) / rate : 0;
    std::fprintf(stderr, "\r%s [%s%s] %zu/%zu  %.0f/s  %02d:%02d left ", label.c_str(),
                 std::string(filled, '#').c_str(), std::string(kWidth - filled, ' ').c_str(), done, total,
                 rate, static_cast<int>(left) / 60, static_cast<int>(left) % 60);
    if (done == total) std::fputc('\n', stderr);
  };
}

std::filesystem::path master_key_path(const Config& config) {
  if (!config.services.pki_master_key_file.empty()) return config.services.pki_master_key_file;
  return std::filesystem::path(config.storage.data_dir) / "pki" / "master.key";
}

std::filesystem::path identity_key_path(const Config& config) {
  if (!config.services.identity_key_file.empty()) return config.services.identity_key_file;
  return std::filesystem::path(config.storage.data_dir) / "keys" / "identity.key";
}

// A key beside the data it protects protects nothing once both are copied: fine for a demo, a warning
// in production (docs/operations.md, Keys).
void warn_about_keys_in_data_dir(const Config& config) {
  const auto data_dir = std::filesystem::weakly_canonical(config.storage.data_dir);
  for (const auto& key : {master_key_path(config), identity_key_path(config)}) {
    const auto relative = std::filesystem::weakly_canonical(key).lexically_relative(data_dir);
    if (!relative.empty() && *relative.begin() != "..") {
      spdlog::warn(
          "the key {} is inside the data directory; in production keep keys apart from the data "
          "and its backups (docs/operations.md, Keys)",
          key.string());
    }
  }
}

// The identity-number vault under its key; accounts stored before numbers were sealed are sealed now
// (the second half of migration 0014, which needs the key).
Result<std::unique_ptr<identity::IdentityNumberVault>> open_identity_vault(storage::Database& db,
                                                                           const Config& config) {
  auto key = load_or_create_key(identity_key_path(config), "The identity key");
  if (!key) return tl::unexpected(key.error());
  auto vault = std::make_unique<identity::IdentityNumberVault>(*key);
  auto sealed = identity::seal_clear_identity_numbers(db, *vault, SystemClock());
  if (!sealed) return tl::unexpected(sealed.error());
  if (*sealed > 0) spdlog::info("sealed the identity numbers of {} account(s)", *sealed);
  return vault;
}

Result<std::unique_ptr<pki::CredentialStore>> open_credentials(storage::Database& db, const Config& config,
                                                               const Clock& clock) {
  auto key = load_or_create_key(master_key_path(config), "The PKI master key");
  if (!key) return tl::unexpected(key.error());
  return std::make_unique<pki::CredentialStore>(db, clock, std::move(*key));
}

// Demo accounts for every kind of user, written to <data_dir>/demo-accounts.json and printed at start.
// Created once: a restarted demo keeps its accounts and passwords.
Result<boost::json::array> load_demo_accounts(storage::Database& db, const Config& config) {
  namespace json = boost::json;
  const auto path = std::filesystem::path(config.storage.data_dir) / "demo-accounts.json";
  if (std::ifstream in(path); in) {
    std::stringstream text;
    text << in.rdbuf();
    boost::system::error_code ec;
    auto parsed = parse_json(text.str(), ec);
    if (!ec && parsed.is_array()) return parsed.as_array();
  }
  SystemClock clock;
  auto ids = open_identity_vault(db, config);
  if (!ids) return tl::unexpected(ids.error());
  identity::AccountService accounts(db, clock, **ids, config.auth);
  const identity::Origin system{"", "demo"};
  json::array out;
  auto password = [] { return "Sen-" + identity::random_token(9); };

  struct Citizen {
    std::string id_number, name;
  };
  for (const auto& c : {Citizen{"001099012345", "Nguyễn Văn An"}}) {
    const std::string pw = password();
    auto a = accounts.register_account({"citizen", c.id_number, "", "", c.name, pw}, system);
    if (!a) return tl::unexpected(a.error());
    out.push_back(json::object{{"role", "citizen"},
                               {"username", c.id_number},
                               {"password", pw},
                               {"place", "VN"},
                               {"id_number", c.id_number}});
  }
  struct Business {
    std::string enterprise_code, username, name;
  };
  // An enterprise that assesses itself and applies for support, and a provider of digital solutions.
  for (const auto& b :
       {Business{"0101234567", "cong.ty.sen", "Công ty TNHH Sen"},
        Business{"0109876543", "cong.ty.giai.phap", "Công ty Cổ phần Giải pháp số Hồng Hà"}}) {
    const std::string pw = password();
    auto a = accounts.register_account({"business", "", b.enterprise_code, b.username, b.name, pw}, system);
    if (!a) return tl::unexpected(a.error());
    out.push_back(json::object{{"role", "business_representative"},
                               {"username", b.username},
                               {"password", pw},
                               {"place", "VN"},
                               {"enterprise_code", b.enterprise_code}});
  }
  struct Staff {
    std::string username, name, role, agency, scope_kind, scope;
  };
  const std::vector<Staff> staff = {
      {"tiepnhan.badinh", "Trần Thị Bình", std::string(identity::kRoleReceivingOfficer), "UBND-00004",
       "agency", "UBND-00004"},
      {"xuly.badinh", "Lê Văn Cường", std::string(identity::kRoleProcessingOfficer), "UBND-00004", "agency",
       "UBND-00004"},
      {"lanhdao.badinh", "Phạm Thị Dung", std::string(identity::kRoleApprovingLeader), "UBND-00004", "agency",
       "UBND-00004"},
      {"tiepnhan.saigon", "Võ Văn Em", std::string(identity::kRoleReceivingOfficer), "UBND-26740", "agency",
       "UBND-26740"},
      {"xuly.saigon", "Đỗ Thị Giang", std::string(identity::kRoleProcessingOfficer), "UBND-26740", "agency",
       "UBND-26740"},
      {"lanhdao.saigon", "Huỳnh Văn Hải", std::string(identity::kRoleApprovingLeader), "UBND-26740", "agency",
       "UBND-26740"},
      {"tiepnhan.congan.badinh", "Lý Thị Ngọc", std::string(identity::kRoleReceivingOfficer), "CAX-00004",
       "agency", "CAX-00004"},
      {"xuly.congan.badinh", "Cao Văn Phong", std::string(identity::kRoleProcessingOfficer), "CAX-00004",
       "agency", "CAX-00004"},
      {"lanhdao.congan.badinh", "Hà Thị Quỳnh", std::string(identity::kRoleApprovingLeader), "CAX-00004",
       "agency", "CAX-00004"},
      {"tiepnhan.xnc.hanoi", "Tạ Văn Sơn", std::string(identity::kRoleReceivingOfficer), "XNC-01", "agency",
       "XNC-01"},
      {"quantri.badinh", "Trịnh Văn Phúc", std::string(identity::kRoleAgencyAdmin), "UBND-00004", "agency",
       "UBND-00004"},
      {"quantri.hanoi", "Bùi Thị Hoa", std::string(identity::kRoleProvinceAdmin), "UBND-01", "place", "01"},
      {"quantri.quocgia", "Ngô Văn Khánh", std::string(identity::kRoleNationalAdmin), "VPCP", "place", "VN"},
      {"kiemtoan", "Đặng Thị Lan", std::string(identity::kRoleAuditor), "VPCP", "place", "VN"},
      {"phantich", "Mai Văn Minh", std::string(identity::kRoleAnalyst), "VPCP", "place", "VN"},
      {"thamdinh.hanoi", "Lương Thị Nga", std::string(identity::kRoleAssessor), "SKHCN-01", "place", "01"},
      {"tiepnhan.skhcn.hanoi", "Đinh Văn Oanh", std::string(identity::kRoleReceivingOfficer), "SKHCN-01",
       "agency", "SKHCN-01"},
      {"xuly.skhcn.hanoi", "Kiều Thị Phương", std::string(identity::kRoleProcessingOfficer), "SKHCN-01",
       "agency", "SKHCN-01"},
      {"lanhdao.skhcn.hanoi", "Lã Văn Quang", std::string(identity::kRoleApprovingLeader), "SKHCN-01",
       "agency", "SKHCN-01"},
      {"tiepnhan.bkhcn", "Nông Thị Rạng", std::string(identity::kRoleReceivingOfficer), "BKHCN", "agency",
       "BKHCN"},
      {"xuly.bkhcn", "Âu Văn Sang", std::string(identity::kRoleProcessingOfficer), "BKHCN", "agency",
       "BKHCN"},
      {"lanhdao.bkhcn", "Tôn Thị Thảo", std::string(identity::kRoleApprovingLeader), "BKHCN", "agency",
       "BKHCN"},
  };
  places::PlaceRepository places(db);
  for (const auto& s : staff) {
    const std::string pw = password();
    auto a = accounts.create_official({s.username, s.name, s.agency, pw}, system);
    if (!a) return tl::unexpected(a.error());
    if (auto g = accounts.grant_role(a->id, {"", s.role, s.scope_kind, s.scope}, system); !g) {
      return tl::unexpected(g.error());
    }
    auto agency = places.get_agency(s.agency);
    out.push_back(json::object{{"role", s.role},
                               {"username", s.username},
                               {"password", pw},
                               {"place", agency ? agency->place_code : s.scope}});
  }
  std::ofstream(path) << json::serialize(out) << "\n";
  std::filesystem::permissions(path,
                               std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  return out;
}

// Tests may move the services' clock (deadlines, overdue flags) without touching sessions.
std::unique_ptr<Clock> make_services_clock(const Config& config) {
  if (config.services.clock_file.empty()) return std::make_unique<SystemClock>();
  spdlog::warn("services.clock_file is set: dossier time comes from {}", config.services.clock_file);
  return std::make_unique<FileClock>(config.services.clock_file);
}

// The demo's national history (sen demo --scale), loaded once into the data directory.
Status load_demo_history(storage::Database& db, const Config& config, const DemoCommand& command) {
  if (command.scale == "none") return {};
  auto clock = make_services_clock(config);
  services::ProcedureCatalog catalog(db, *clock);
  if (auto warm = catalog.warm(); !warm) return warm;
  auto framework_files =
      assessment::load_framework_directory(std::filesystem::path(config.pack_dir) / "frameworks");
  if (!framework_files) return tl::unexpected(framework_files.error());
  assessment::FrameworkRegistry frameworks(std::move(*framework_files));
  demo::HistoryOptions options{command.scale == "national" ? demo::Scale::kNational : demo::Scale::kSmall,
                               command.seed, progress_bar("history"),
                               [](std::string_view what) { spdlog::info("demo history: {}", what); }};
  const auto started = std::chrono::steady_clock::now();
  auto out = demo::load_national_history(db, catalog, frameworks, config.pack_dir, *clock, options);
  if (!out) return tl::unexpected(out.error());
  if (out->already_loaded) {
    spdlog::info("demo history: already loaded in {}", config.storage.data_dir);
    return {};
  }
  spdlog::info(
      "demo history ({} scale, seed {}): {} dossiers, {} events, {} assessments, {} citizens, {} officials, "
      "{} statistics in {} s",
      command.scale, command.seed, out->dossiers, out->events, out->assessments, out->citizens,
      out->officials, out->statistics,
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started).count());
  return {};
}

// The demo signs results with a test CA of its own; production imports agencies' certificates.
Status ensure_demo_ca(storage::Database& db, const Config& config) {
  SystemClock clock;
  auto store = open_credentials(db, config, clock);
  if (!store) return tl::unexpected(store.error());
  auto anchors = (*store)->trust_anchors_pem();
  if (!anchors) return tl::unexpected(anchors.error());
  if (!anchors->empty()) return {};
  auto ca = (*store)->create_ca("Sen Demo Root CA", 3650, "");
  if (!ca) return tl::unexpected(ca.error());
  spdlog::info("created the demo platform CA ({})", ca->subject);
  return {};
}

// The stored files rows refer to: dossiers' papers and results, assessments' evidence.
Result<std::vector<std::string>> stored_file_references(storage::Connection& conn) {
  auto names = services::dossier_file_names(conn);
  if (!names) return names;
  auto evidence = assessment::evidence_file_names(conn);
  if (!evidence) return evidence;
  names->insert(names->end(), evidence->begin(), evidence->end());
  return names;
}

// Files of uploads whose row never committed (the process was killed between the two) are removed.
Status sweep_orphan_files(storage::Database& db, const services::FileStore& files,
                          const StorageConfig& config) {
  std::set<std::string> referenced;
  {
    auto conn = db.acquire();
    if (!conn) return tl::unexpected(conn.error());
    auto names = stored_file_references(**conn);
    if (!names) return tl::unexpected(names.error());
    referenced.insert(names->begin(), names->end());
  }
  auto removed =
      files.remove_unreferenced(referenced, std::chrono::seconds(config.orphan_file_min_age_seconds));
  if (!removed) return tl::unexpected(removed.error());
  if (*removed > 0)
    spdlog::info("removed {} stored files no row refers to (uploads that never committed)", *removed);
  return {};
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

  warn_about_keys_in_data_dir(config);
  http::Metrics metrics;
  http::Router router;
  SystemClock clock;
  auto services_clock = make_services_clock(config);
  auto renderer = documents::PdfRenderer::create(std::filesystem::path(config.pack_dir) / "fonts");
  if (!renderer) return report(renderer.error(), 2);
  auto credentials = open_credentials(db, config, *services_clock);
  if (!credentials) return report(credentials.error(), 2);
  services::ProcedureCatalog catalog(db, *services_clock);
  if (auto warm = catalog.warm(); !warm) return report(warm.error());
  services::FileStore file_store(std::filesystem::path(config.storage.data_dir) / "files");
  if (auto swept = sweep_orphan_files(db, file_store, config.storage); !swept) return report(swept.error());
  auto ids = open_identity_vault(db, config);
  if (!ids) return report(ids.error(), 2);
  identity::AccountService accounts(db, clock, **ids, config.auth, outbox_mail(config, *services_clock));
  // The limits against guessing (logins, registrations, look-ups by identity number) are counted by
  // all the instances sharing a PostgreSQL together; one process on SQLite counts in its memory.
  const auto guess_limiter = [&, &vault = **ids](std::string scope,
                                                 int limit) -> std::unique_ptr<RateLimiter> {
    if (db.dialect() == storage::Dialect::kSqlite)
      return std::make_unique<MemoryRateLimiter>(limit, std::chrono::seconds(60), clock);
    return std::make_unique<storage::SharedRateLimiter>(
        db, std::move(scope), limit, std::chrono::seconds(60), clock,
        [&vault](std::string_view key) { return vault.lookup_key(key); });
  };
  const auto client_limiter = guess_limiter("client", config.auth.login_attempts_per_minute_per_client);
  const auto account_limiter = guess_limiter("account", config.auth.login_attempts_per_minute_per_account);
  // The budget of changes is counted per instance: counted in PostgreSQL, every change of one account
  // waited on that account's row, and acknowledged submissions fell from 4,349/s to 2,552/s.
  MemoryRateLimiter write_limiter(config.auth.writes_per_minute_per_account, std::chrono::seconds(60), clock);
  // Places change only with the pack, so they are read once: for authorization, the data brain
  // and the place look-ups answered from memory.
  auto directory = places::PlaceDirectory::load(places);
  if (!directory) return report(directory.error());
  identity::Authorizer authorizer([&directory](const std::string& code) -> std::optional<std::string> {
    const auto* place = directory->find(code);
    if (place == nullptr) return std::nullopt;
    return place->parent_code;
  });
  std::unique_ptr<identity::OidcLogin> oidc;
  if (!config.oidc.issuer.empty()) {
    oidc = std::make_unique<identity::OidcLogin>(
        identity::OidcConfig{config.oidc.issuer, config.oidc.client_id, config.oidc.client_secret,
                             config.oidc.redirect_uri, "openid profile", config.oidc.id_number_claim},
        clock);
  }
  auto framework_files =
      assessment::load_framework_directory(std::filesystem::path(config.pack_dir) / "frameworks");
  if (!framework_files) return report(framework_files.error(), 2);
  assessment::FrameworkRegistry frameworks(std::move(*framework_files));
  auto programme =
      assessment::load_programme(std::filesystem::path(config.pack_dir) / "dx-programme.json", frameworks);
  if (!programme) return report(programme.error(), 2);
  assessment::SolutionRegister solutions(db, *programme);
  assessment::Assessments assessments(db, frameworks, places, authorizer, *services_clock, config.assessment,
                                      **renderer, file_store, solutions.lookup());
  assessment::SupportApplications support(db, assessments, solutions, *programme, authorizer,
                                          *services_clock);
  assessment::AssessmentAggregates aggregates(db, frameworks, *programme);
  assessment::ServiceIndex service_index(db, frameworks);
  // Several instances may share one PostgreSQL: the jobs that must run once follow the one that leads,
  // and what one instance revokes, the others forget at once.
  storage::Leadership leadership(config.storage);
  storage::ChangeFeed changes(config.storage);
  changes.on(std::string(identity::AccountService::kRightsChangedChannel),
             [&accounts] { accounts.forget_principals(); });
  if (auto listening = changes.start(); !listening) return report(listening.error(), 2);
  auto brain = analytics::DataBrain::open(
      {db, leadership, directory->all(), config.pack_dir, aggregates, programme->targets_framework,
       [&service_index](const std::string& place, analytics::Level level,
                        const analytics::Period& period) -> std::optional<double> {
         using Kind = services::ServiceScope::Kind;
         const Kind kind = level == analytics::Level::kNation     ? Kind::kNation
                           : level == analytics::Level::kProvince ? Kind::kProvince
                                                                  : Kind::kCommune;
         const auto bound = [](analytics::Month m) {
           return fmt::format("{:04}-{:02}-01T00:00:00+07:00", analytics::year_of(m),
                              analytics::month_in_year(m));
         };
         auto index = service_index.compute({kind, place}, bound(period.first), bound(period.last + 1));
         if (!index || !index->at("score").is_number()) return std::nullopt;
         return index->at("score").to_number<double>();
       },
       *services_clock, config.analytics});
  if (!brain) return report(brain.error(), 2);
  if (auto started = (*brain)->start(); !started) return report(started.error());
  auto open_data =
      opendata::OpenData::open({db, leadership, *services_clock, config.pack_dir, **brain,
                                [&places](const std::string& code) {
                                  auto agency = places.get_agency(code);
                                  return agency ? agency->name : std::string();
                                },
                                std::filesystem::path(config.storage.data_dir) / "tmp",
                                config.services.public_url, std::string(kVersion), config.opendata});
  if (!open_data) return report(open_data.error(), 2);
  if (auto started = (*open_data)->start(); !started) return report(started.error());
  const services::SubmissionChecks submission_checks{{programme->support_procedure, support.check()}};
  services::DossierService dossiers({db, catalog, places, *cal, authorizer, *services_clock, file_store,
                                     **credentials, **ids, **renderer, config.services, &submission_checks});
  http::ApiContext ctx{
      db,
      places,
      *directory,
      *cal,
      metrics,
      accounts,
      authorizer,
      *client_limiter,
      *account_limiter,
      write_limiter,
      config.auth.session_ttl_minutes * 60,
      oidc.get(),
      config.oidc.display_name,
      std::string(kVersion),
      catalog,
      dossiers,
      **credentials,
      config.services.upload_limit_bytes,
      config.auth.import_body_limit_bytes,
      static_cast<std::size_t>(config.auth.import_max_rows),
      config.auth.import_max_unpacked_bytes,
      static_cast<std::size_t>(config.server.export_max_rows),
      std::filesystem::path(config.storage.data_dir) / "tmp",
      {config.services.payment_hmac_secret, config.services.payment_callback_max_age_seconds},
      *services_clock,
      frameworks,
      assessments,
      *programme,
      solutions,
      support,
      aggregates,
      service_index,
      static_cast<std::size_t>(config.assessment.import_max_rows),
      config.assessment.import_body_limit_bytes,
      **brain,
      **open_data,
      config.services.public_url};
  http::add_all_routes(router, ctx);
  services::OutboxWorker outbox(db, leadership, config.services, *services_clock);
  outbox.start();
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

int run_demo(const Config& config, const DemoCommand& command) {
  if (!start_logging(config)) return 2;
  auto db = open_migrated(config, true);
  if (!db) return report(db.error());
  auto loaded = load_pack(**db, config);
  if (!loaded) return report(loaded.error());
  auto demo_accounts = load_demo_accounts(**db, config);
  if (!demo_accounts) return report(demo_accounts.error());
  if (auto ca = ensure_demo_ca(**db, config); !ca) return report(ca.error());
  spdlog::info("demo data: {} administrative units", *loaded);
  if (auto history = load_demo_history(**db, config, command); !history) return report(history.error());
  if (command.no_serve) return 0;
  // Passwords and the citizen's identity number go to a person at a terminal, never into a log that
  // captures standard output (a journal, a file): there only the file holding them is named.
  const bool to_person = ::isatty(STDOUT_FILENO) == 1;
  std::printf("Demo accounts (with their passwords in %s/demo-accounts.json):\n",
              config.storage.data_dir.c_str());
  for (const auto& a : *demo_accounts) {
    const auto& o = a.as_object();
    const std::string username(o.at("username").as_string());
    const bool citizen = o.at("role").as_string() == "citizen";
    std::printf("  %-26s %-18s %-20s place %s\n", std::string(o.at("role").as_string()).c_str(),
                to_person || !citizen ? username.c_str() : identity::mask_id_number(username).c_str(),
                to_person ? std::string(o.at("password").as_string()).c_str() : "",
                std::string(o.at("place").as_string()).c_str());
  }
  return serve(config, **db);
}

int run_audit_verify(const Config& config) {
  if (!start_logging(config)) return 2;
  auto db = open_migrated(config, false);
  if (!db) return report(db.error());
  auto result = audit::verify(**db);
  if (!result) return report(result.error());
  if (result->first_bad_seq) {
    std::printf("audit log BROKEN at entry %lld: %s (%lld entries verified before it)\n",
                static_cast<long long>(*result->first_bad_seq), result->problem.c_str(),
                static_cast<long long>(result->checked));
    return 1;
  }
  std::printf("audit log intact: %lld entries verified\n", static_cast<long long>(result->checked));
  return 0;
}

int run_pki(const Config& config, const PkiCommand& command) {
  if (!start_logging(config)) return 2;
  auto db = open_migrated(config, false);
  if (!db) return report(db.error());
  SystemClock clock;
  auto store = open_credentials(**db, config, clock);
  if (!store) return report(store.error(), 2);
  auto& pki = **store;
  Result<pki::Credential> changed = tl::unexpected(Error{});
  if (command.action == "list") {
    auto all = pki.list();
    if (!all) return report(all.error());
    for (const auto& c : *all) {
      std::printf("%-24s %-6s %-9s %-8s %-16s %s .. %s  %s\n", c.id.c_str(), c.kind.c_str(), c.source.c_str(),
                  c.status.c_str(), c.agency_code.c_str(), c.not_before.c_str(), c.not_after.c_str(),
                  c.subject.c_str());
    }
    return 0;
  }
  if (command.action == "init-ca") {
    changed =
        pki.create_ca(command.name.empty() ? "Sen Platform Root CA" : command.name, command.days, "cli");
  } else if (command.action == "rotate-ca") {
    changed = pki.rotate_ca(command.days, "cli");
  } else if (command.action == "issue") {
    places::PlaceRepository places(**db);
    auto agency = places.get_agency(command.agency);
    if (!agency) return report(agency.error());
    changed = pki.issue_agency(agency->code, agency->name, command.days, "cli");
  } else if (command.action == "import") {
    std::ifstream in(command.file, std::ios::binary);
    if (!in) return report(Error{ErrorCode::kInvalidArgument, "cannot read " + command.file, "file", {}});
    std::stringstream bytes;
    bytes << in.rdbuf();
    const char* password = command.password_env.empty() ? nullptr : std::getenv(command.password_env.c_str());
    changed = pki.import_pkcs12(command.agency, bytes.str(), password ? password : "", "cli");
  } else if (command.action == "revoke") {
    if (auto s = pki.revoke(command.id, command.reason, "cli"); !s) return report(s.error());
    std::printf("revoked %s\n", command.id.c_str());
    return 0;
  }
  if (!changed) return report(changed.error());
  std::printf("%s %s %s serial %s valid until %s\n", changed->id.c_str(), changed->kind.c_str(),
              changed->subject.c_str(), changed->serial.c_str(), changed->not_after.c_str());
  return 0;
}

int run_admin_create(const Config& config, const AdminCommand& command) {
  if (!start_logging(config)) return 2;
  auto db = open_migrated(config, false);
  if (!db) return report(db.error());
  auto password = admin_password(command);
  if (!password) return report(password.error());
  SystemClock clock;
  auto ids = open_identity_vault(**db, config);
  if (!ids) return report(ids.error());
  identity::AccountService accounts(**db, clock, **ids, config.auth);
  identity::NewOfficial admin{command.username,
                              command.display_name,
                              "",
                              *password,
                              "",
                              command.one_time,
                              {{"", std::string(identity::kRoleNationalAdmin), "place", "VN"}}};
  auto created = accounts.create_official(admin, identity::Origin{"", "cli"});
  if (!created) return report(created.error());
  std::printf("created national administrator %s (%s)\n", created->username.c_str(), created->id.c_str());
  if (command.one_time) {
    std::printf("one-time password, shown once; change it at first sign-in within %d hours: %s\n",
                config.auth.one_time_password_ttl_hours, password->c_str());
  }
  return 0;
}

int run_officials_import(const Config& config, const ImportCommand& command) {
  if (!start_logging(config)) return 2;
  std::ifstream in(command.file, std::ios::binary);
  if (!in) return report(Error{ErrorCode::kInvalidArgument, "cannot read " + command.file, "file", {}});
  std::stringstream text;
  text << in.rdbuf();
  auto db = open_migrated(config, false);
  if (!db) return report(db.error());
  SystemClock clock;
  auto ids = open_identity_vault(**db, config);
  if (!ids) return report(ids.error());
  identity::AccountService accounts(**db, clock, **ids, config.auth, outbox_mail(config, clock));
  identity::ImportOptions options{static_cast<std::size_t>(config.auth.import_max_rows),
                                  config.auth.import_max_unpacked_bytes,
                                  command.skip_invalid,
                                  command.dry_run,
                                  {},
                                  progress_bar("importing")};
  auto outcome = identity::import_officials(text.str(), **db, accounts, options, identity::Origin{"", "cli"});
  if (!outcome) return report(outcome.error());
  for (const auto& e : outcome->errors) {
    std::fprintf(stderr, "row %zu%s%s: %s\n", e.row, e.column.empty() ? "" : ", ", e.column.c_str(),
                 e.message.c_str());
  }
  std::printf("%zu rows, %zu valid, %zu imported\n", outcome->rows, outcome->valid, outcome->created.size());
  if (!outcome->created.empty()) std::printf("one-time passwords are queued for e-mail delivery\n");
  if (!outcome->errors.empty() && !command.skip_invalid) {
    std::fprintf(stderr, "%s: fix the rows above%s\n",
                 command.dry_run ? "problems found" : "nothing imported",
                 command.dry_run ? "" : " or use --skip-invalid");
    return 1;
  }
  return 0;
}

int run_assessments_import(const Config& config, const AssessmentImportCommand& command) {
  if (!start_logging(config)) return 2;
  std::ifstream in(command.file.file, std::ios::binary);
  if (!in) return report(Error{ErrorCode::kInvalidArgument, "cannot read " + command.file.file, "file", {}});
  std::stringstream text;
  text << in.rdbuf();
  auto frameworks =
      assessment::load_framework_directory(std::filesystem::path(config.pack_dir) / "frameworks");
  if (!frameworks) return report(frameworks.error(), 2);
  const assessment::FrameworkRegistry registry(std::move(*frameworks));
  const auto* framework = registry.latest(command.framework);
  if (framework == nullptr)
    return report(Error{ErrorCode::kInvalidArgument, "no framework " + command.framework, "framework", {}});
  auto db = open_migrated(config, false);
  if (!db) return report(db.error());
  places::PlaceRepository places(**db);
  auto lookup = assessment::place_lookup(places);
  if (!lookup) return report(lookup.error());
  SystemClock clock;
  assessment::AssessmentImportOptions options;
  options.max_rows = static_cast<std::size_t>(config.assessment.import_max_rows);
  options.max_unpacked_bytes = config.auth.import_max_unpacked_bytes;
  options.skip_invalid = command.file.skip_invalid;
  options.dry_run = command.file.dry_run;
  options.progress = progress_bar("checking");
  auto outcome = assessment::import_assessments(text.str(), *framework, **db, *lookup, clock, options,
                                                identity::Origin{"", "cli"});
  if (!outcome) return report(outcome.error());
  for (const auto& e : outcome->errors) {
    std::fprintf(stderr, "row %zu%s%s: %s\n", e.row, e.column.empty() ? "" : ", ", e.column.c_str(),
                 e.message.c_str());
  }
  std::printf("%zu rows, %zu valid, %zu imported\n", outcome->rows, outcome->valid, outcome->imported);
  if (!outcome->errors.empty() && !command.file.skip_invalid) {
    std::fprintf(stderr, "%s: fix the rows above%s\n",
                 command.file.dry_run ? "problems found" : "nothing imported",
                 command.file.dry_run ? "" : " or use --skip-invalid");
    return 1;
  }
  return 0;
}

int run_backup(const Config& config, const std::string& to) {
  if (!start_logging(config)) return 2;
  SystemClock clock;
  auto done = backup::create_backup(config.storage, to, clock, kVersion, stored_file_references,
                                    progress_bar("backing up"));
  if (!done) return report(done.error());
  std::printf("backup written to %s: %zu files, %ju bytes, checksums in manifest.json\n", to.c_str(),
              done->files, done->bytes);
  return 0;
}

int run_restore(const Config& config, const std::string& from, bool verify_only) {
  if (!start_logging(config)) return 2;
  if (verify_only) {
    auto checked = backup::verify_backup(from, progress_bar("checking"));
    if (!checked) return report(checked.error());
    std::printf("backup %s intact: %zu files, %ju bytes match its manifest\n", from.c_str(), checked->files,
                checked->bytes);
    return 0;
  }
  auto done = backup::restore_backup(from, config.storage, progress_bar("restoring"));
  if (!done) return report(done.error());
  std::printf("restored %zu files (%ju bytes) into %s; run `sen audit verify` and `sen serve`\n", done->files,
              done->bytes, config.storage.data_dir.c_str());
  return 0;
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
