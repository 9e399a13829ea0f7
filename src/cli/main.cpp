#include <sodium.h>
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <map>

#include "cli/app.hpp"
#include "services/lifecycle.hpp"

namespace {

struct CommonOptions {
  std::string config_file;
  std::map<std::string, std::string> overrides;
};

// Flags map onto configuration keys, so flags, environment and TOML share one validation path.
void add_storage_flags(CLI::App* cmd, CommonOptions& o) {
  cmd->add_option("--config", o.config_file, "TOML configuration file (or SEN_CONFIG)");
  cmd->add_option_function<std::string>(
      "--data-dir", [&o](const std::string& v) { o.overrides["storage.data_dir"] = v; },
      "data directory (SQLite database, files) [storage.data_dir]");
  cmd->add_option_function<std::string>(
      "--database-url", [&o](const std::string& v) { o.overrides["storage.database_url"] = v; },
      "postgresql://... to use PostgreSQL instead of SQLite [storage.database_url]");
  cmd->add_option_function<std::string>(
      "--pack-dir", [&o](const std::string& v) { o.overrides["pack.dir"] = v; },
      "country pack directory [pack.dir]");
  cmd->add_option_function<std::string>(
      "--log-level", [&o](const std::string& v) { o.overrides["log.level"] = v; }, "log level [log.level]");
}

void add_server_flags(CLI::App* cmd, CommonOptions& o) {
  add_storage_flags(cmd, o);
  cmd->add_option_function<std::string>(
      "--listen", [&o](const std::string& v) { o.overrides["server.listen"] = v; },
      "HOST:PORT; port 0 picks a free port [server.listen]");
  cmd->add_option_function<std::string>(
      "--web-dir", [&o](const std::string& v) { o.overrides["web.dir"] = v; }, "built web UI [web.dir]");
}

}  // namespace

int main(int argc, char** argv) {
  // A closed standard output (log reader gone) must not kill the server.
  std::signal(SIGPIPE, SIG_IGN);
  // Everything this process creates (sen.db and its WAL/SHM, documents, results, keys) holds personal
  // data or secrets: owner-only, whatever umask the service manager left.
  ::umask(077);
  if (sodium_init() < 0) {
    std::fprintf(stderr, "libsodium failed to initialise\n");
    return 1;
  }
  CLI::App app{"Sen: an open digital-government platform (public services, assessment, data, open data)"};
  app.require_subcommand(1);
  CommonOptions options;

  auto* serve = app.add_subcommand("serve", "Serve the API and web UI on an existing, migrated database");
  add_server_flags(serve, options);
  auto* demo = app.add_subcommand(
      "demo", "Create or reuse a data directory, load the Vietnam pack and demo data, then serve");
  add_server_flags(demo, options);
  sen::cli::DemoCommand demo_command;
  demo->add_option(
          "--scale", demo_command.scale,
          "A national history of dossiers, assessments and statistics to load once: none, small (about "
          "50,000 dossiers) or national (about 10 million)")
      ->check(CLI::IsMember({"none", "small", "national"}));
  demo->add_option("--seed", demo_command.seed, "The history's seed: the same seed gives the same history");
  demo->add_flag("--no-serve", demo_command.no_serve, "Load the demo data and stop, without serving");
  auto* migrate = app.add_subcommand("migrate", "Apply pending schema migrations and load the country pack");
  add_storage_flags(migrate, options);
  auto* check = app.add_subcommand("check-config", "Print the effective configuration (secrets masked)");
  add_server_flags(check, options);
  auto* version = app.add_subcommand("version", "Print the version");
  auto* lifecycle = app.add_subcommand(
      "lifecycle", "Print docs/dossier-lifecycle.md: the dossier's state diagram, from the lifecycle table");
  auto* backup = app.add_subcommand(
      "backup",
      "Back up a running installation: a consistent database snapshot, the data directory's files and keys");
  add_storage_flags(backup, options);
  std::string backup_to;
  backup->add_option("--to", backup_to, "new directory to write the backup into")->required();
  auto* restore = app.add_subcommand("restore", "Restore a backup into an empty data directory and database");
  add_storage_flags(restore, options);
  std::string restore_from;
  bool verify_only = false;
  restore->add_option("--from", restore_from, "a directory written by sen backup")->required();
  restore->add_flag("--verify-only", verify_only, "check the backup against its manifest and change nothing");
  auto* audit = app.add_subcommand("audit", "Audit log tools");
  audit->require_subcommand(1);
  auto* verify =
      audit->add_subcommand("verify", "Check the audit log's hash chain; names the first altered entry");
  add_storage_flags(verify, options);
  auto* pki = app.add_subcommand("pki", "Signing certificates: the platform CA and agencies' certificates");
  pki->require_subcommand(1);
  sen::cli::PkiCommand pki_command;
  auto pki_action = [&](const std::string& name, const std::string& help) {
    auto* sub = pki->add_subcommand(name, help);
    add_storage_flags(sub, options);
    sub->callback([&pki_command, name] { pki_command.action = name; });
    return sub;
  };
  pki_action("list", "List CA and agency credentials");
  auto* init_ca = pki_action("init-ca", "Create the platform's root CA (keys sealed at rest)");
  init_ca->add_option("--name", pki_command.name, "the CA's common name");
  init_ca->add_option("--days", pki_command.days, "validity in days");
  pki_action("rotate-ca", "Create a new platform CA; the old one stays trusted for earlier results")
      ->add_option("--days", pki_command.days, "validity in days");
  auto* issue = pki_action("issue", "Issue (or rotate) an agency's signing certificate from the platform CA");
  issue->add_option("--agency", pki_command.agency, "agency code, e.g. UBND-00004")->required();
  issue->add_option("--days", pki_command.days, "validity in days");
  auto* import = pki_action("import", "Import an agency certificate from a licensed CA (PKCS#12)");
  import->add_option("--agency", pki_command.agency, "agency code")->required();
  import->add_option("--file", pki_command.file, "the .p12 file")->required();
  import->add_option("--password-env", pki_command.password_env,
                     "environment variable holding the PKCS#12 password (never a flag: flags show in ps)");
  auto* revoke = pki_action("revoke", "Revoke a credential by id");
  revoke->add_option("--id", pki_command.id, "credential id")->required();
  revoke->add_option("--reason", pki_command.reason, "why")->required();

  auto* admin = app.add_subcommand("admin", "Administrators");
  admin->require_subcommand(1);
  sen::cli::AdminCommand admin_command;
  auto* admin_create = admin->add_subcommand(
      "create",
      "Create a national administrator (national_admin on VN); the password is asked on the terminal");
  add_storage_flags(admin_create, options);
  admin_create->add_option("--username", admin_command.username, "login name (3-64 of a-z 0-9 . _ -)")
      ->required();
  admin_create->add_option("--display-name", admin_command.display_name, "full name")->required();
  auto* password_env =
      admin_create->add_option("--password-env", admin_command.password_env,
                               "environment variable holding the password (never a flag: flags show in ps)");
  admin_create
      ->add_flag("--one-time-password", admin_command.one_time,
                 "print a random one-time password, to be changed at first sign-in")
      ->excludes(password_env);

  auto* officials = app.add_subcommand("officials", "Officials");
  officials->require_subcommand(1);
  sen::cli::ImportCommand import_command;
  auto* officials_import = officials->add_subcommand(
      "import",
      "Import officials from CSV or XLSX (columns username, full_name, email, agency, "
      "roles; roles separated by ';'); "
      "one-time passwords go out by e-mail");
  add_storage_flags(officials_import, options);
  officials_import->add_option("file", import_command.file, "the CSV or XLSX file")->required();
  officials_import->add_flag("--skip-invalid", import_command.skip_invalid,
                             "import the valid rows even if others have problems");
  officials_import->add_flag("--dry-run", import_command.dry_run, "check the file only");

  auto* assessments = app.add_subcommand("assessments", "Digital-transformation assessments");
  assessments->require_subcommand(1);
  sen::cli::AssessmentImportCommand assessments_command;
  auto* assessments_import = assessments->add_subcommand(
      "import",
      "Import survey assessments from CSV or XLSX (the framework's template: GET "
      "/api/v1/frameworks/{id}/template); every row is checked before any is written");
  add_storage_flags(assessments_import, options);
  assessments_import->add_option("file", assessments_command.file.file, "the CSV or XLSX file")->required();
  assessments_import
      ->add_option("--framework", assessments_command.framework, "the framework's id, e.g. dbi-sme")
      ->required();
  assessments_import->add_flag("--skip-invalid", assessments_command.file.skip_invalid,
                               "import the valid rows even if others have problems");
  assessments_import->add_flag("--dry-run", assessments_command.file.dry_run, "check the file only");

  CLI11_PARSE(app, argc, argv);

  if (version->parsed()) {
    std::printf("sen %s\n", sen::cli::kVersion.data());
    return 0;
  }
  if (lifecycle->parsed()) {
    std::fputs(sen::services::lifecycle_markdown().c_str(), stdout);
    return 0;
  }
  std::optional<std::filesystem::path> file;
  if (!options.config_file.empty()) {
    file = options.config_file;
  } else if (const char* env = std::getenv("SEN_CONFIG"); env != nullptr && *env != '\0') {
    file = env;
  }
  auto config = sen::load_config(file, sen::process_env(), options.overrides);
  if (!config) {
    std::fprintf(stderr, "configuration error: %s\n", config.error().message.c_str());
    return 2;
  }
  // The demo keeps its data apart from a real deployment's unless told otherwise.
  if (demo->parsed() && config->storage.data_dir == sen::StorageConfig{}.data_dir) {
    config->storage.data_dir = "sen-demo-data";
  }
  if (serve->parsed()) return sen::cli::run_serve(*config);
  if (demo->parsed()) return sen::cli::run_demo(*config, demo_command);
  if (migrate->parsed()) return sen::cli::run_migrate(*config);
  if (check->parsed()) return sen::cli::run_check_config(*config);
  if (verify->parsed()) return sen::cli::run_audit_verify(*config);
  if (backup->parsed()) return sen::cli::run_backup(*config, backup_to);
  if (restore->parsed()) return sen::cli::run_restore(*config, restore_from, verify_only);
  if (pki->parsed()) return sen::cli::run_pki(*config, pki_command);
  if (admin_create->parsed()) return sen::cli::run_admin_create(*config, admin_command);
  if (officials_import->parsed()) return sen::cli::run_officials_import(*config, import_command);
  if (assessments_import->parsed()) return sen::cli::run_assessments_import(*config, assessments_command);
  return 2;
}
