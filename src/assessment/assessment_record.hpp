#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sen::assessment {

// A draft is the respondent's; a submitted one is scored and waits for an assessor; a confirmed one
// has been reviewed (confirmed as it was, or corrected: both versions are kept).
enum class AssessmentStatus { kDraft, kSubmitted, kConfirmed };
std::string_view name(AssessmentStatus s);
std::optional<AssessmentStatus> assessment_status_from(std::string_view s);

enum class AssessmentOrigin { kOnline, kImport };
std::string_view name(AssessmentOrigin o);

struct AssessmentRecord {
  std::string id;
  std::string framework;
  int framework_version = 1;
  std::string subject_id;  // the enterprise's tax code, or the account of its representative
  std::string subject_name;
  std::string owner_account_id;  // who answers online; empty for imported rows
  std::string industry, size;
  std::string place_code, province_code;
  AssessmentStatus status = AssessmentStatus::kDraft;
  AssessmentOrigin origin = AssessmentOrigin::kOnline;
  std::string answers;  // JSON object, the respondent's
  std::optional<double> self_score;
  std::string self_level;
  std::optional<std::string> reviewed_answers;  // JSON object, the assessor's version
  std::optional<double> score;                  // of the version in force
  std::string level;
  std::string assessor_id, review_note;
  std::string created_at, updated_at, submitted_at, reviewed_at;
  std::int64_t version = 1;
};

}  // namespace sen::assessment
