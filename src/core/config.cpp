#include "core/config.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "core/network_address.hpp"
#include "core/text_input.hpp"

namespace sen {
namespace {

Result<long long> parse_integer(const std::string& key, const std::string& text, long long min,
                                long long max) {
  long long value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) {
    return fail(ErrorCode::kInvalidArgument, fmt::format("{} must be an integer, got '{}'", key, text), key);
  }
  if (value < min || value > max) {
    return fail(ErrorCode::kInvalidArgument, fmt::format("{} must be between {} and {}", key, min, max), key);
  }
  return value;
}

template <class Member>
Setting int_setting(std::string key, std::string description, Member member, long long min, long long max) {
  Setting s;
  s.key = key;
  s.description = std::move(description);
  s.set = [key, member, min, max](Config& c, const std::string& v) -> Status {
    auto n = parse_integer(key, v, min, max);
    if (!n) return tl::unexpected(n.error());
    member(c) = static_cast<std::remove_reference_t<decltype(member(c))>>(*n);
    return {};
  };
  s.get = [member](const Config& c) { return std::to_string(member(const_cast<Config&>(c))); };
  return s;
}

template <class Member>
Setting string_setting(std::string key, std::string description, Member member, bool secret = false) {
  Setting s;
  s.key = std::move(key);
  s.description = std::move(description);
  s.secret = secret;
  s.set = [member](Config& c, const std::string& v) -> Status {
    member(c) = v;
    return {};
  };
  s.get = [member](const Config& c) { return member(const_cast<Config&>(c)); };
  return s;
}

// A comma-separated list of addresses, each checked and kept in canonical form.
Setting trusted_proxies_setting() {
  Setting s;
  s.key = "server.trusted_proxies";
  s.description =
      "comma-separated addresses of the reverse proxies in front (e.g. 127.0.0.1); a request from one "
      "is attributed to the client its X-Forwarded-For names; empty: to its peer";
  s.set = [key = s.key](Config& c, const std::string& v) -> Status {
    std::vector<std::string> proxies;
    for (const auto entry : split_list(v)) {
      auto address = canonical_address(entry);
      if (!address) {
        return fail(ErrorCode::kInvalidArgument,
                    fmt::format("{}: '{}' is not an IP address", key, std::string(entry).substr(0, 64)), key);
      }
      proxies.push_back(std::move(*address));
    }
    c.server.trusted_proxies = std::move(proxies);
    return {};
  };
  s.get = [](const Config& c) { return fmt::format("{}", fmt::join(c.server.trusted_proxies, ",")); };
  return s;
}

std::vector<Setting> make_settings() {
  std::vector<Setting> all;
  all.push_back(string_setting("server.listen", "HOST:PORT to listen on; port 0 picks a free port",
                               [](Config& c) -> std::string& { return c.server.listen; }));
  all.push_back(trusted_proxies_setting());
  all.push_back(int_setting(
      "server.threads", "network threads; 0 means one per CPU core",
      [](Config& c) -> int& { return c.server.threads; }, 0, 256));
  all.push_back(int_setting(
      "server.worker_threads", "threads for blocking work (database)",
      [](Config& c) -> int& { return c.server.worker_threads; }, 1, 256));
  all.push_back(int_setting(
      "server.max_pending_reads",
      "GET requests waiting for or running on the worker pool at once; beyond it 503 with Retry-After",
      [](Config& c) -> int& { return c.server.max_pending_reads; }, 1, 1000000));
  all.push_back(int_setting(
      "server.max_pending_writes",
      "requests that change something waiting for or running on the worker pool at once; beyond it 503 "
      "with Retry-After, before the body is read",
      [](Config& c) -> int& { return c.server.max_pending_writes; }, 1, 1000000));
  all.push_back(int_setting(
      "server.overload_retry_after_seconds", "the Retry-After of an overload's 503",
      [](Config& c) -> int& { return c.server.overload_retry_after_seconds; }, 1, 3600));
  all.push_back(int_setting(
      "server.export_max_rows",
      "rows in one CSV or XLSX export (a dossier list, the audit log); a larger one is refused (413), "
      "to be narrowed with filters",
      [](Config& c) -> int& { return c.server.export_max_rows; }, 1, 1000000));
  all.push_back(int_setting(
      "server.max_connections",
      "open connections at most; at the cap an idle one is closed for a newcomer, else the newcomer is "
      "refused",
      [](Config& c) -> int& { return c.server.max_connections; }, 1, 1000000));
  all.push_back(int_setting(
      "server.max_connections_per_client",
      "open connections per client address (IPv4 address or IPv6 /64); more are closed at once; "
      "server.trusted_proxies are bounded by server.max_connections only",
      [](Config& c) -> int& { return c.server.max_connections_per_client; }, 1, 1000000));
  all.push_back(int_setting(
      "server.header_limit_bytes", "largest request header block (431 above)",
      [](Config& c) -> std::size_t& { return c.server.header_limit_bytes; }, 1024, 1024 * 1024));
  all.push_back(int_setting(
      "server.body_limit_bytes", "default largest request body (413 above); routes may set their own",
      [](Config& c) -> std::size_t& { return c.server.body_limit_bytes; }, 0, 1024LL * 1024 * 1024));
  all.push_back(int_setting(
      "server.header_timeout_ms",
      "a request's header must arrive within this; on a new connection counted from accept",
      [](Config& c) -> int& { return c.server.header_timeout_ms; }, 100, 3600000));
  all.push_back(int_setting(
      "server.request_timeout_ms", "a whole request (headers and body) must arrive within this",
      [](Config& c) -> int& { return c.server.request_timeout_ms; }, 100, 3600000));
  all.push_back(int_setting(
      "server.idle_timeout_ms", "a kept-alive connection waiting this long for its next request is closed",
      [](Config& c) -> int& { return c.server.idle_timeout_ms; }, 100, 3600000));
  all.push_back(int_setting(
      "server.shutdown_grace_ms", "on SIGTERM, in-flight requests get this long to finish",
      [](Config& c) -> int& { return c.server.shutdown_grace_ms; }, 0, 3600000));
  all.push_back(string_setting("storage.data_dir", "directory for the SQLite database and files",
                               [](Config& c) -> std::string& { return c.storage.data_dir; }));
  all.push_back(string_setting(
      "storage.database_url", "empty for SQLite in data_dir, or postgresql://user:password@host/db",
      [](Config& c) -> std::string& { return c.storage.database_url; }, true));
  all.push_back(int_setting(
      "storage.pool_size", "database connections", [](Config& c) -> int& { return c.storage.pool_size; }, 1,
      1000));
  all.push_back(int_setting(
      "storage.busy_timeout_ms", "how long a write waits for a database lock",
      [](Config& c) -> int& { return c.storage.busy_timeout_ms; }, 0, 600000));
  all.push_back(int_setting(
      "storage.statement_timeout_ms", "PostgreSQL cancels a statement running longer",
      [](Config& c) -> int& { return c.storage.statement_timeout_ms; }, 100, 3600000));
  all.push_back(int_setting(
      "storage.write_batch_max", "write transactions committed together, each in its own savepoint",
      [](Config& c) -> int& { return c.storage.write_batch_max; }, 1, 10000));
  all.push_back(int_setting(
      "storage.orphan_file_min_age_seconds",
      "at start, stored files no row refers to and older than this are removed (uploads whose row never "
      "committed)",
      [](Config& c) -> int& { return c.storage.orphan_file_min_age_seconds; }, 0, 86400 * 365));
  all.push_back(int_setting(
      "auth.session_ttl_minutes", "browser sessions expire after this",
      [](Config& c) -> int& { return c.auth.session_ttl_minutes; }, 1, 60 * 24 * 30));
  all.push_back(int_setting(
      "auth.token_ttl_days", "API tokens expire after this",
      [](Config& c) -> int& { return c.auth.token_ttl_days; }, 1, 3650));
  all.push_back(int_setting(
      "auth.max_failed_logins", "failed logins in a row before the account is locked",
      [](Config& c) -> int& { return c.auth.max_failed_logins; }, 1, 1000));
  all.push_back(int_setting(
      "auth.lockout_minutes", "how long a locked account stays locked",
      [](Config& c) -> int& { return c.auth.lockout_minutes; }, 1, 60 * 24));
  all.push_back(int_setting(
      "auth.login_attempts_per_minute_per_client",
      "login and registration attempts per client address per minute (429 beyond)",
      [](Config& c) -> int& { return c.auth.login_attempts_per_minute_per_client; }, 1, 100000));
  all.push_back(int_setting(
      "auth.login_attempts_per_minute_per_account", "login attempts per username per minute (429 beyond)",
      [](Config& c) -> int& { return c.auth.login_attempts_per_minute_per_account; }, 1, 100000));
  all.push_back(int_setting(
      "auth.writes_per_minute_per_account",
      "state-changing requests per signed-in account, and per client address, per minute (429 beyond)",
      [](Config& c) -> int& { return c.auth.writes_per_minute_per_account; }, 1, 1000000));
  all.push_back(int_setting(
      "auth.password_hash_ops", "Argon2id passes", [](Config& c) -> int& { return c.auth.password_hash_ops; },
      1, 100));
  all.push_back(int_setting(
      "auth.password_hash_memory_kib", "Argon2id memory in KiB",
      [](Config& c) -> int& { return c.auth.password_hash_memory_kib; }, 8, 4 * 1024 * 1024));
  all.push_back(int_setting(
      "auth.principal_cache_ms",
      "a resolved session or token is reused this long without the database; a revocation made by "
      "another server process on SQLite takes effect within it, on PostgreSQL at once (0 disables)",
      [](Config& c) -> int& { return c.auth.principal_cache_ms; }, 0, 60000));
  all.push_back(int_setting(
      "auth.principal_cache_entries", "resolved sessions and tokens kept in memory (0 disables)",
      [](Config& c) -> int& { return c.auth.principal_cache_entries; }, 0, 10000000));
  all.push_back(int_setting(
      "auth.one_time_password_ttl_hours",
      "one-time passwords (new officials, administrators' resets) stop working after this",
      [](Config& c) -> int& { return c.auth.one_time_password_ttl_hours; }, 1, 24 * 90));
  all.push_back(int_setting(
      "auth.import_max_rows", "officials in one import file",
      [](Config& c) -> int& { return c.auth.import_max_rows; }, 1, 1000000));
  all.push_back(int_setting(
      "assessment.benchmark_min_peers",
      "peers (same framework, industry, size and province) needed before an assessment is compared with "
      "them; smaller groups are never shown",
      [](Config& c) -> int& { return c.assessment.benchmark_min_peers; }, 2, 1000));
  all.push_back(int_setting(
      "assessment.note_max_chars", "characters in an assessor's note on a review (400 above)",
      [](Config& c) -> int& { return c.assessment.note_max_chars; }, 1, 100000));
  all.push_back(int_setting(
      "assessment.import_max_rows", "assessments in one import file",
      [](Config& c) -> int& { return c.assessment.import_max_rows; }, 1, 10000000));
  all.push_back(int_setting(
      "analytics.follow_interval_ms", "how often the data brain reads new dossier events (milliseconds)",
      [](Config& c) -> int& { return c.analytics.follow_interval_ms; }, 10, 60000));
  all.push_back(int_setting(
      "analytics.event_batch", "dossier events read per query while the data brain catches up",
      [](Config& c) -> int& { return c.analytics.event_batch; }, 100, 1000000));
  all.push_back(int_setting(
      "analytics.dx_refresh_seconds", "how often the DX levels are re-read from the assessments (seconds)",
      [](Config& c) -> int& { return c.analytics.dx_refresh_seconds; }, 1, 86400));
  all.push_back(int_setting(
      "analytics.alert_interval_seconds",
      "alert rules run at least this often (seconds), besides after new data",
      [](Config& c) -> int& { return c.analytics.alert_interval_seconds; }, 1, 86400));
  all.push_back(int_setting(
      "analytics.alert_min_gap_ms", "alert rules run at most once per this after new data (milliseconds)",
      [](Config& c) -> int& { return c.analytics.alert_min_gap_ms; }, 0, 3600000));
  all.push_back(int_setting(
      "analytics.query_max_cells",
      "indicators x places x periods in one analytics answer (400 above: ask for fewer)",
      [](Config& c) -> int& { return c.analytics.query_max_cells; }, 1, 10000000));
  all.push_back(int_setting(
      "analytics.import_max_rows", "values in one statistics import",
      [](Config& c) -> int& { return c.analytics.import_max_rows; }, 1, 10000000));
  all.push_back(int_setting(
      "analytics.import_body_limit_bytes", "largest statistics import file sent to the API (413 above)",
      [](Config& c) -> std::size_t& { return c.analytics.import_body_limit_bytes; }, 1024,
      1024ll * 1024 * 1024));
  all.push_back(int_setting(
      "opendata.suppression_threshold",
      "published counts from 1 to this minus one are hidden, with complementary cells so totals do not "
      "reveal them",
      [](Config& c) -> int& { return c.opendata.suppression_threshold; }, 1, 1000));
  all.push_back(int_setting(
      "opendata.refresh_interval_seconds",
      "how often live open datasets are rebuilt from the data brain (seconds)",
      [](Config& c) -> int& { return c.opendata.refresh_interval_seconds; }, 1, 86400));
  all.push_back(int_setting(
      "opendata.search_rows_max", "datasets in one package_search answer (rows above it are refused)",
      [](Config& c) -> int& { return c.opendata.search_rows_max; }, 1, 100000));
  all.push_back(int_setting(
      "opendata.datastore_rows_max", "records in one datastore_search answer (a larger limit is refused)",
      [](Config& c) -> int& { return c.opendata.datastore_rows_max; }, 1, 1000000));
  all.push_back(int_setting(
      "opendata.upload_limit_bytes", "largest dataset file an agency uploads (413 above)",
      [](Config& c) -> std::size_t& { return c.opendata.upload_limit_bytes; }, 1024, 1024ll * 1024 * 1024));
  all.push_back(int_setting(
      "opendata.upload_max_rows", "rows in one uploaded dataset file",
      [](Config& c) -> int& { return c.opendata.upload_max_rows; }, 1, 10000000));
  all.push_back(int_setting(
      "auth.import_body_limit_bytes", "largest officials import file sent to the API (413 above)",
      [](Config& c) -> std::size_t& { return c.auth.import_body_limit_bytes; }, 1024, 64ll * 1024 * 1024));
  all.push_back(int_setting(
      "assessment.import_body_limit_bytes",
      "largest assessment import file (CSV or XLSX) sent to the API (413 above)",
      [](Config& c) -> std::size_t& { return c.assessment.import_body_limit_bytes; }, 1024,
      1024ll * 1024 * 1024));
  all.push_back(int_setting(
      "auth.import_max_unpacked_bytes",
      "an XLSX import file's content once unzipped (a small file can unpack to gigabytes; 413 above)",
      [](Config& c) -> std::size_t& { return c.auth.import_max_unpacked_bytes; }, 1024,
      1024ll * 1024 * 1024));
  all.push_back(string_setting("oidc.issuer", "external OpenID provider's issuer URL; empty disables it",
                               [](Config& c) -> std::string& { return c.oidc.issuer; }));
  all.push_back(string_setting("oidc.client_id", "this server's client id at the provider",
                               [](Config& c) -> std::string& { return c.oidc.client_id; }));
  all.push_back(string_setting(
      "oidc.client_secret", "this server's client secret at the provider",
      [](Config& c) -> std::string& { return c.oidc.client_secret; }, true));
  all.push_back(string_setting("oidc.redirect_uri", "https://<this server>/api/v1/auth/oidc/callback",
                               [](Config& c) -> std::string& { return c.oidc.redirect_uri; }));
  all.push_back(string_setting("oidc.display_name", "name on the sign-in button",
                               [](Config& c) -> std::string& { return c.oidc.display_name; }));
  all.push_back(string_setting("oidc.id_number_claim",
                               "ID token claim holding the 12-digit identification number",
                               [](Config& c) -> std::string& { return c.oidc.id_number_claim; }));
  all.push_back(int_setting(
      "services.upload_limit_bytes", "largest dossier document upload (413 above)",
      [](Config& c) -> std::size_t& { return c.services.upload_limit_bytes; }, 1024, 1024LL * 1024 * 1024));
  all.push_back(int_setting(
      "services.max_documents_per_dossier", "documents one dossier may hold",
      [](Config& c) -> int& { return c.services.max_documents_per_dossier; }, 1, 1000));
  all.push_back(string_setting("services.public_url",
                               "this server's public base URL, for QR codes and e-mails",
                               [](Config& c) -> std::string& { return c.services.public_url; }));
  all.push_back(string_setting("services.pki_master_key_file",
                               "key sealing signing keys at rest; empty: <data_dir>/pki/master.key",
                               [](Config& c) -> std::string& { return c.services.pki_master_key_file; }));
  all.push_back(
      string_setting("services.identity_key_file",
                     "key hashing and sealing identity numbers at rest; empty: <data_dir>/keys/identity.key",
                     [](Config& c) -> std::string& { return c.services.identity_key_file; }));
  all.push_back(string_setting(
      "services.payment_hmac_secret",
      "HMAC-SHA256 secret shared with the payment gateway; empty disables callbacks",
      [](Config& c) -> std::string& { return c.services.payment_hmac_secret; }, true));
  all.push_back(int_setting(
      "services.payment_callback_max_age_seconds", "signed payment callbacks older than this are refused",
      [](Config& c) -> int& { return c.services.payment_callback_max_age_seconds; }, 10, 86400));
  all.push_back(string_setting("services.payment_bank_bin", "VietQR: BIN of the collecting bank",
                               [](Config& c) -> std::string& { return c.services.payment_bank_bin; }));
  all.push_back(string_setting("services.payment_account", "VietQR: the collecting account number",
                               [](Config& c) -> std::string& { return c.services.payment_account; }));
  all.push_back(string_setting("services.payment_account_name", "VietQR: the collecting account's name",
                               [](Config& c) -> std::string& { return c.services.payment_account_name; }));
  all.push_back(string_setting("services.smtp_host", "SMTP server for e-mail notifications; empty: not sent",
                               [](Config& c) -> std::string& { return c.services.smtp_host; }));
  all.push_back(int_setting(
      "services.smtp_port", "SMTP port", [](Config& c) -> int& { return c.services.smtp_port; }, 1, 65535));
  all.push_back(string_setting("services.smtp_from", "sender address of notifications",
                               [](Config& c) -> std::string& { return c.services.smtp_from; }));
  all.push_back(int_setting(
      "services.smtp_timeout_ms", "one SMTP conversation must finish within this",
      [](Config& c) -> int& { return c.services.smtp_timeout_ms; }, 100, 600000));
  all.push_back(int_setting(
      "services.outbox_poll_ms", "how often pending e-mails are looked for",
      [](Config& c) -> int& { return c.services.outbox_poll_ms; }, 50, 3600000));
  all.push_back(int_setting(
      "services.outbox_max_attempts", "delivery attempts before an e-mail is left as failed",
      [](Config& c) -> int& { return c.services.outbox_max_attempts; }, 1, 100));
  all.push_back(int_setting(
      "services.status_cache_ms",
      "dossier statuses (and the places and agencies dossiers go to) are answered from memory this "
      "long; a change made by another server process shows within it (0 disables)",
      [](Config& c) -> int& { return c.services.status_cache_ms; }, 0, 60000));
  all.push_back(int_setting(
      "services.status_cache_entries", "dossier statuses kept in memory (0 disables)",
      [](Config& c) -> int& { return c.services.status_cache_entries; }, 0, 10000000));
  all.push_back(int_setting(
      "services.form_max_bytes", "largest applicant's form, as JSON (400 above)",
      [](Config& c) -> std::size_t& { return c.services.form_max_bytes; }, 1024, 16LL * 1024 * 1024));
  all.push_back(int_setting(
      "services.comment_max_chars", "longest stated reason or rating comment, in characters",
      [](Config& c) -> int& { return c.services.comment_max_chars; }, 10, 100000));
  all.push_back(int_setting(
      "services.agency_certificate_days", "validity of agency certificates issued by the platform CA",
      [](Config& c) -> int& { return c.services.agency_certificate_days; }, 1, 3650));
  all.push_back(string_setting("services.clock_file",
                               "tests only: a file with an RFC 3339 time taken as now; empty: the real clock",
                               [](Config& c) -> std::string& { return c.services.clock_file; }));
  all.push_back(string_setting("web.dir", "built web UI (static files) to serve",
                               [](Config& c) -> std::string& { return c.web_dir; }));
  all.push_back(string_setting("pack.dir", "country pack (administrative units, calendar)",
                               [](Config& c) -> std::string& { return c.pack_dir; }));
  all.push_back(string_setting("log.level", "trace, debug, info, warn, error or off",
                               [](Config& c) -> std::string& { return c.log_level; }));
  Setting access;
  access.key = "log.access";
  access.description = "write one JSON line per request to standard output";
  access.set = [](Config& c, const std::string& v) -> Status {
    if (v == "true" || v == "1") {
      c.access_log = true;
    } else if (v == "false" || v == "0") {
      c.access_log = false;
    } else {
      return fail(ErrorCode::kInvalidArgument, "log.access must be true or false", "log.access");
    }
    return {};
  };
  access.get = [](const Config& c) { return std::string(c.access_log ? "true" : "false"); };
  all.push_back(std::move(access));
  return all;
}

const Setting* find_setting(const std::string& key) {
  for (const auto& s : settings()) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

Status apply(Config& config, const std::string& key, const std::string& value, std::string_view source) {
  const Setting* s = find_setting(key);
  if (s == nullptr) {
    return fail(ErrorCode::kInvalidArgument, fmt::format("unknown setting '{}' in {}", key, source), key);
  }
  auto status = s->set(config, value);
  if (!status) {
    auto error = status.error();
    error.message += fmt::format(" (from {})", source);
    return tl::unexpected(error);
  }
  return {};
}

Status apply_toml_table(Config& config, const toml::table& table, const std::string& prefix,
                        const std::string& source) {
  for (const auto& [k, node] : table) {
    const std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const auto* sub = node.as_table()) {
      if (auto s = apply_toml_table(config, *sub, key, source); !s) return s;
      continue;
    }
    std::string value;
    if (auto v = node.value<std::string>(); v && node.is_string()) {
      value = *v;
    } else if (node.is_integer()) {
      value = std::to_string(*node.value<long long>());
    } else if (node.is_boolean()) {
      value = *node.value<bool>() ? "true" : "false";
    } else {
      return fail(ErrorCode::kInvalidArgument, fmt::format("{} has an unsupported type in {}", key, source),
                  key);
    }
    if (auto s = apply(config, key, value, source); !s) return s;
  }
  return {};
}

}  // namespace

std::string Setting::env_name() const {
  std::string name = "SEN_";
  for (char ch : key)
    name += ch == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return name;
}

const std::vector<Setting>& settings() {
  static const std::vector<Setting> all = make_settings();
  return all;
}

EnvLookup process_env() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  };
}

Result<Config> load_config(const std::optional<std::filesystem::path>& file, const EnvLookup& env,
                           const std::map<std::string, std::string>& overrides) {
  Config config;
  if (file) {
    toml::table table;
    try {
      table = toml::parse_file(file->string());
    } catch (const toml::parse_error& e) {
      return fail(ErrorCode::kInvalidArgument,
                  fmt::format("cannot read configuration {}: {}", file->string(), e.description()), "config");
    }
    if (auto s = apply_toml_table(config, table, "", file->string()); !s) {
      return tl::unexpected(s.error());
    }
  }
  for (const auto& s : settings()) {
    if (auto v = env(s.env_name())) {
      if (auto st = apply(config, s.key, *v, "environment variable " + s.env_name()); !st) {
        return tl::unexpected(st.error());
      }
    }
  }
  for (const auto& [key, value] : overrides) {
    if (auto st = apply(config, key, value, "command line"); !st) return tl::unexpected(st.error());
  }
  return config;
}

std::string mask_url_password(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const auto at = url.find('@', scheme + 3);
  if (at == std::string::npos) return url;
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "****" + url.substr(at);
}

std::string masked_value(const Setting& setting, const Config& config) {
  std::string value = setting.get(config);
  if (!setting.secret) return value;
  if (value.find("://") != std::string::npos) return mask_url_password(value);
  return value.empty() ? value : "****";
}

}  // namespace sen
