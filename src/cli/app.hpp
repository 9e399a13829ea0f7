#pragma once

#include <cstdint>
#include <string>

#include "core/config.hpp"

namespace sen::cli {

inline constexpr std::string_view kVersion = "0.1.0";

// Each returns the process exit code: 0 success, 1 runtime failure, 2 bad configuration.
int run_serve(const Config& config);
int run_migrate(const Config& config);
// `sen demo`: the pack, demo accounts, optionally a national history, then serving.
struct DemoCommand {
  std::string scale = "none";  // none | small | national
  std::uint64_t seed = 1;
  bool no_serve = false;
};
int run_demo(const Config& config, const DemoCommand& command);
int run_check_config(const Config& config);
int run_audit_verify(const Config& config);

// `sen pki <action>`: the platform CA and agencies' signing certificates.
struct PkiCommand {
  std::string action;        // list | init-ca | rotate-ca | issue | import | revoke
  std::string name;          // init-ca: the CA's common name
  std::string agency;        // issue, import
  std::string file;          // import: a PKCS#12 file
  std::string password_env;  // import: environment variable holding the PKCS#12 password
  std::string id;            // revoke
  std::string reason;        // revoke
  int days = 730;
};
int run_pki(const Config& config, const PkiCommand& command);

// `sen admin create`: the first national administrator (national_admin on VN). The password comes from
// a terminal prompt (asked twice, not echoed), an environment variable, or is a printed one-time one.
struct AdminCommand {
  std::string username;
  std::string display_name;
  std::string password_env;  // environment variable holding the password
  bool one_time = false;     // print a random one-time password instead
};
int run_admin_create(const Config& config, const AdminCommand& command);

// `sen officials import FILE`: officials from CSV, each with a one-time password sent by e-mail.
struct ImportCommand {
  std::string file;
  bool skip_invalid = false;
  bool dry_run = false;
};
int run_officials_import(const Config& config, const ImportCommand& command);

struct AssessmentImportCommand {
  ImportCommand file;
  std::string framework;
};
int run_assessments_import(const Config& config, const AssessmentImportCommand& command);

// `sen backup --to DIR`: the database's snapshot and the data directory's files, with a manifest.
int run_backup(const Config& config, const std::string& to);
// `sen restore --from DIR`: into an empty data directory (and empty database); `verify_only` checks
// the backup against its manifest and changes nothing.
int run_restore(const Config& config, const std::string& from, bool verify_only);

}  // namespace sen::cli
