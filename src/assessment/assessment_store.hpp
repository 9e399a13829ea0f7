#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assessment/assessment_record.hpp"
#include "storage/database.hpp"
#include "storage/keyset_page.hpp"

namespace sen::assessment {

// The rows of `assessments`, read and written inside the caller's transaction.
Status insert_assessment(storage::Connection& conn, const AssessmentRecord& a);
// Writes `a` if its stored version is still `a.version - 1`; kConflict when someone changed it first.
Status update_assessment(storage::Connection& conn, const AssessmentRecord& a);
Result<std::optional<AssessmentRecord>> load_assessment(storage::Connection& conn, const std::string& id);

// Newest first, keyed by (created_at, id).
Result<storage::RowPage> page_by_owner(storage::Connection& conn, const std::string& account_id,
                                       const storage::PageRequest& page);
// Submitted assessments waiting for review in a province ("" for all), oldest first.
Result<storage::RowPage> page_for_review(storage::Connection& conn, const std::string& province_code,
                                         const storage::PageRequest& page);
AssessmentRecord record_from_row(const storage::Row& row);
// The stored files evidence rows refer to (names as the file store gave them).
Result<std::vector<std::string>> evidence_file_names(storage::Connection& conn);

// The score in force of the latest submitted or confirmed assessment of each subject in the group,
// leaving out `except_subject`.
Result<std::vector<double>> peer_scores(storage::Connection& conn, const std::string& framework,
                                        const std::string& industry, const std::string& size,
                                        const std::string& province_code, const std::string& except_subject);

}  // namespace sen::assessment
