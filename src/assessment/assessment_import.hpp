#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assessment/framework.hpp"
#include "core/clock.hpp"
#include "identity/account_service.hpp"
#include "places/place_repository.hpp"
#include "storage/database.hpp"
#include "tables/table.hpp"

namespace sen::assessment {

// Assessments from provinces' paper and spreadsheet surveys: one row per enterprise, the columns of
// the framework's template (assessment_template): subject_id (tax code), subject_name, industry, size,
// place, then one column per item answered by the respondent, holding an option id, option or tool ids
// separated by ';', a number, or "na". Every row is checked before anything is written.

struct AssessmentImportError {
  std::size_t row = 0;  // as a spreadsheet numbers it: the header is row 1
  std::string column;   // empty when the problem is the whole row
  std::string message;
};

// A place the rows may name, as the import needs it.
struct KnownPlace {
  std::string level;
  std::string province;
};
using PlaceLookup = std::function<std::optional<KnownPlace>(const std::string& code)>;
// Every province and commune, read once, for an import's many rows.
Result<PlaceLookup> place_lookup(const places::PlaceRepository& places);

struct AssessmentImportOptions {
  std::size_t max_rows = 200000;                      // assessment.import_max_rows
  std::size_t max_unpacked_bytes = 64 * 1024 * 1024;  // auth.import_max_unpacked_bytes (XLSX only)
  bool skip_invalid = false;                          // write the valid rows even when others fail
  bool dry_run = false;                               // check only
  // Whether the importer may write rows of this place (the API's authorization); none: any place.
  std::function<bool(const std::string& place)> may_import_at;
  std::function<void(std::size_t done, std::size_t total)> progress;
};

struct AssessmentImportOutcome {
  std::size_t rows = 0;
  std::size_t valid = 0;
  std::vector<AssessmentImportError> errors;  // in row order
  std::size_t imported = 0;                   // 0 when any row failed without skip_invalid
};

// The template of a framework: its columns, and the meaning of each in the reader's language.
tables::Table assessment_template(const Framework& f);

// kInvalidArgument naming `file` when the file itself is unusable (empty, a column missing or unknown,
// too many rows). The format is told from the bytes: a ZIP archive is XLSX, anything else CSV.
Result<AssessmentImportOutcome> import_assessments(std::string_view file, const Framework& f,
                                                   storage::Database& db, const PlaceLookup& places,
                                                   const Clock& clock, const AssessmentImportOptions& options,
                                                   const identity::Origin& origin);

}  // namespace sen::assessment
