#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "identity/account_service.hpp"
#include "storage/database.hpp"

namespace sen::identity {

// Onboarding officials in bulk from a CSV file (RFC 4180, UTF-8) or an XLSX workbook (its first sheet),
// with a header row naming the columns username, full_name, email, agency, roles (several roles
// separated by ';', granted on the agency).

struct ImportError {
  std::size_t row = 0;  // as a spreadsheet numbers it: the header is row 1
  std::string column;   // empty when the problem is the whole row
  std::string message;
};

struct ImportRow {
  std::size_t row = 0;
  NewOfficial official;    // roles granted on the row's agency
  std::string place_code;  // the agency's place, once checked against the database
};

// A per-row check beyond the file and the database (the API's authorization), run on rows that passed
// the others.
using RowCheck = std::function<std::optional<ImportError>(const ImportRow&)>;

struct ImportOptions {
  std::size_t max_rows = 5000;                        // auth.import_max_rows
  std::size_t max_unpacked_bytes = 64 * 1024 * 1024;  // auth.import_max_unpacked_bytes (XLSX only)
  bool skip_invalid = false;                          // write the valid rows even when others fail
  bool dry_run = false;                               // check only
  RowCheck check;
  std::function<void(std::size_t done, std::size_t total)> progress;
};

struct ImportOutcome {
  std::size_t rows = 0;              // data rows in the file
  std::size_t valid = 0;             // rows without a problem
  std::vector<ImportError> errors;   // every problem, in row order
  std::vector<std::string> created;  // usernames written; empty when any row failed without skip_invalid
};

// Checks every row (values, duplicates in the file, agencies and usernames in the database, then
// `options.check`) before writing anything; writes nothing if a row fails unless `skip_invalid`.
// Each created official gets a one-time password by e-mail (AccountService::import_officials).
// kInvalidArgument naming `file` when the file itself is unusable (no header, a column missing or
// unknown, a quote left open, too many rows).
// The format is told from the bytes: a ZIP archive is read as XLSX, anything else as CSV.
Result<ImportOutcome> import_officials(std::string_view file, storage::Database& db, AccountService& accounts,
                                       const ImportOptions& options, const Origin& origin);

}  // namespace sen::identity
