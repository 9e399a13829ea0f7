#pragma once

#include <string>

#include "core/config.hpp"

namespace sen::cli {

inline constexpr std::string_view kVersion = "0.1.0";

// Each returns the process exit code: 0 success, 1 runtime failure, 2 bad configuration.
int run_serve(const Config& config);
int run_migrate(const Config& config);
int run_demo(const Config& config);
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

}  // namespace sen::cli
