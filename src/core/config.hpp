#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"

namespace sen {

struct ServerConfig {
  std::string listen = "127.0.0.1:8080";
  int threads = 0;                       // 0: one per core
  int max_connections = 10000;           // at the cap, an idle connection is closed to let a new one in
  int max_connections_per_client = 256;  // per IPv4 address or IPv6 /64; beyond it refused at once
  std::size_t header_limit_bytes = 16 * 1024;
  std::size_t body_limit_bytes = 1024 * 1024;
  int header_timeout_ms =
      10000;  // a request's header must arrive within this (a new connection's from accept)
  int request_timeout_ms = 15000;  // whole request (headers and body) must arrive within this
  int idle_timeout_ms = 60000;     // kept-alive connection waiting for its next request
  int shutdown_grace_ms = 20000;
  // Blocking (database) work runs here, off the network threads; a write waits here for its group
  // commit, so there are more than cores. 0: eight per core.
  int worker_threads = 0;
  // Requests admitted to the worker pool at once (queued or running), reads and changes counted apart;
  // beyond them a request is answered 503 with Retry-After before its body is read, so an overload
  // sheds work instead of growing queues. /healthz and /readyz are always answered.
  int max_pending_reads = 512;
  int max_pending_writes = 256;
  int overload_retry_after_seconds = 2;
  int export_max_rows = 100000;  // rows in one CSV or XLSX export (a list, the audit log); 413 beyond
  // Reverse proxies (nginx) whose X-Forwarded-For is believed, as canonical addresses
  // (core/network_address.hpp); empty: every request is attributed to its peer.
  std::vector<std::string> trusted_proxies;
};

struct StorageConfig {
  std::string data_dir = "data";
  std::string database_url;  // empty: SQLite file sen.db in data_dir; postgresql://... for PostgreSQL
  int pool_size = 4;
  int busy_timeout_ms = 5000;
  int statement_timeout_ms = 30000;  // PostgreSQL: a statement running longer is cancelled
  int write_batch_max = 64;          // write transactions committed together (group commit)
  // At start, stored files no row refers to and older than this are removed (an upload whose row
  // never committed); younger ones may be another instance's upload in flight.
  int orphan_file_min_age_seconds = 3600;
};

struct AuthConfig {
  int session_ttl_minutes = 12 * 60;
  int token_ttl_days = 90;
  int max_failed_logins = 5;  // then the account is locked for lockout_minutes
  int lockout_minutes = 15;
  int login_attempts_per_minute_per_client = 60;   // 429 beyond; generous for offices behind one NAT
  int login_attempts_per_minute_per_account = 10;  // 429 beyond, whether or not the account exists
  int writes_per_minute_per_account = 120;         // state-changing requests of a signed-in account
  int password_hash_ops = 2;                       // Argon2id passes
  int password_hash_memory_kib = 65536;            // Argon2id memory
  int principal_cache_ms = 2000;         // a resolved sign-in is reused this long without the database
  int principal_cache_entries = 10000;   // 0 disables the cache
  int one_time_password_ttl_hours = 72;  // one-time passwords (new officials, resets) stop working after this
  int import_max_rows = 5000;            // officials in one import file
  std::size_t import_body_limit_bytes = 2 * 1024 * 1024;     // an import file sent to the API (413 above)
  std::size_t import_max_unpacked_bytes = 64 * 1024 * 1024;  // an XLSX import's XML once unzipped
};

// Sign-in through an external OpenID Connect provider (VNeID or a province's); disabled while issuer
// is empty.
struct OidcSettings {
  std::string issuer;
  std::string client_id;
  std::string client_secret;
  std::string redirect_uri;  // https://<this server>/api/v1/auth/oidc/callback
  std::string display_name = "VNeID";
  std::string id_number_claim = "id_number";
};

// Public services: uploads, signing keys, payments, notifications.
struct ServicesConfig {
  std::size_t upload_limit_bytes = 10 * 1024 * 1024;  // one dossier document (413 above)
  int max_documents_per_dossier = 30;
  std::string public_url = "http://127.0.0.1:8080";  // base of links printed in QR codes and e-mails
  std::string
      pki_master_key_file;  // 32-byte key sealing private keys at rest; empty: <data_dir>/pki/master.key
  std::string identity_key_file;               // 32-byte key hashing and sealing identity numbers; empty:
                                               // <data_dir>/keys/identity.key
  std::string payment_hmac_secret;             // shared with the payment gateway; empty disables the callback
  int payment_callback_max_age_seconds = 300;  // older signed callbacks are refused as replays
  std::string payment_bank_bin = "970415";     // VietQR: the collecting bank (NAPAS BIN)
  std::string payment_account = "113366668888";
  std::string payment_account_name = "KHO BAC NHA NUOC";
  std::string smtp_host;  // empty: e-mail notifications stay in the outbox
  int smtp_port = 25;
  std::string smtp_from = "no-reply@sen.local";
  int smtp_timeout_ms = 10000;
  int outbox_poll_ms = 2000;
  int outbox_max_attempts = 8;        // then the message is left as failed
  int status_cache_ms = 2000;         // dossier statuses polled by clients are answered from memory
  int status_cache_entries = 100000;  // 0 disables the cache
  std::string clock_file;             // tests only: a file holding an RFC 3339 time the server takes as now
  std::size_t form_max_bytes = 64 * 1024;  // an applicant's form, as JSON
  int comment_max_chars = 2000;            // an action's stated reason, a rating's comment
  int agency_certificate_days = 730;       // validity of an agency certificate issued by the platform CA
};

struct AssessmentConfig {
  int benchmark_min_peers = 5;   // a peer group smaller than this is never shown (no percentile)
  int import_max_rows = 200000;  // assessments in one import file
  int note_max_chars = 2000;     // an assessor's note on a review
  std::size_t import_body_limit_bytes = 64 * 1024 * 1024;  // an assessment import file (413 above)
};

struct AnalyticsConfig {
  int follow_interval_ms = 200;      // how often the engine reads new dossier events
  int event_batch = 20000;           // events read per query while catching up
  int dx_refresh_seconds = 60;       // how often the DX standings are re-read from assessments
  int alert_interval_seconds = 300;  // alert rules run at least this often, besides after new data
  int alert_min_gap_ms = 1000;       // ... and at most once per this after new data
  int query_max_cells = 50000;       // indicators × places × periods in one analytics answer (400 above)
  int import_max_rows = 200000;      // values in one statistics import
  std::size_t import_body_limit_bytes = 32 * 1024 * 1024;  // a statistics import file (413 above)
};

// Open data (src/opendata): disclosure control, refreshes of live datasets, the CKAN-compatible API.
struct OpenDataConfig {
  int suppression_threshold = 5;       // counts from 1 to this - 1 are never published
  int refresh_interval_seconds = 300;  // how often live datasets are rebuilt (a release when changed)
  int search_rows_max = 1000;          // package_search rows in one answer (CKAN's default limit)
  int datastore_rows_max = 32000;      // datastore_search records in one answer (CKAN's default limit)
  std::size_t upload_limit_bytes = 32 * 1024 * 1024;  // one dataset file an agency uploads (413 above)
  int upload_max_rows = 500000;                       // rows in one uploaded dataset file
};

struct Config {
  ServerConfig server;
  OpenDataConfig opendata;
  AssessmentConfig assessment;
  AnalyticsConfig analytics;
  ServicesConfig services;
  StorageConfig storage;
  AuthConfig auth;
  OidcSettings oidc;
  std::string web_dir = "web/dist";
  std::string pack_dir = "packs/vn";
  std::string log_level = "info";
  bool access_log = true;
};

// One documented setting: TOML key, environment variable, default, and how to read/write it.
struct Setting {
  std::string key;  // e.g. "server.listen"; env var is SEN_SERVER_LISTEN
  std::string description;
  bool secret = false;
  std::function<Status(Config&, const std::string&)> set;
  std::function<std::string(const Config&)> get;
  std::string env_name() const;
};

const std::vector<Setting>& settings();

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
EnvLookup process_env();

// Precedence: defaults < TOML file < environment < flags (`overrides`, keyed by setting key).
// Unknown keys and bad values are errors naming the key.
Result<Config> load_config(const std::optional<std::filesystem::path>& file, const EnvLookup& env,
                           const std::map<std::string, std::string>& overrides);

// Secrets masked (the password in a database URL), for `sen check-config` and logs.
std::string masked_value(const Setting& setting, const Config& config);
std::string mask_url_password(const std::string& url);

}  // namespace sen
