#include "assessment/assessment_store.hpp"

#include <algorithm>
#include <map>

namespace sen::assessment {
namespace {

using storage::Value;

constexpr std::string_view kColumns =
    "id, framework, framework_version, subject_id, subject_name, owner_account_id, industry, size, "
    "place_code, "
    "province_code, status, origin, answers, self_score, self_level, reviewed_answers, score, level, "
    "assessor_id, review_note, created_at, updated_at, submitted_at, reviewed_at, version";

Value text_or_null(const std::string& s) { return s.empty() ? Value(nullptr) : Value(s); }
Value real_or_null(const std::optional<double>& d) { return d ? Value(*d) : Value(nullptr); }

std::string text_of(const storage::Row& row, std::size_t i) {
  return row.is_null(i) ? std::string() : row.text(i);
}

std::vector<Value> values_of(const AssessmentRecord& a) {
  return {a.id,
          a.framework,
          std::int64_t{a.framework_version},
          a.subject_id,
          a.subject_name,
          text_or_null(a.owner_account_id),
          a.industry,
          a.size,
          a.place_code,
          a.province_code,
          std::string(name(a.status)),
          std::string(name(a.origin)),
          a.answers,
          real_or_null(a.self_score),
          text_or_null(a.self_level),
          a.reviewed_answers ? Value(*a.reviewed_answers) : Value(nullptr),
          real_or_null(a.score),
          text_or_null(a.level),
          text_or_null(a.assessor_id),
          text_or_null(a.review_note),
          a.created_at,
          a.updated_at,
          text_or_null(a.submitted_at),
          text_or_null(a.reviewed_at),
          a.version};
}

}  // namespace

std::string_view name(AssessmentStatus s) {
  switch (s) {
    case AssessmentStatus::kDraft:
      return "draft";
    case AssessmentStatus::kSubmitted:
      return "submitted";
    case AssessmentStatus::kConfirmed:
      return "confirmed";
  }
  return "";
}

std::optional<AssessmentStatus> assessment_status_from(std::string_view s) {
  for (auto st : {AssessmentStatus::kDraft, AssessmentStatus::kSubmitted, AssessmentStatus::kConfirmed})
    if (name(st) == s) return st;
  return std::nullopt;
}

std::string_view name(AssessmentOrigin o) {
  switch (o) {
    case AssessmentOrigin::kOnline:
      return "online";
    case AssessmentOrigin::kImport:
      return "import";
  }
  return "";
}

AssessmentRecord record_from_row(const storage::Row& row) {
  AssessmentRecord a;
  a.id = row.text(0);
  a.framework = row.text(1);
  a.framework_version = static_cast<int>(row.integer(2));
  a.subject_id = row.text(3);
  a.subject_name = row.text(4);
  a.owner_account_id = text_of(row, 5);
  a.industry = row.text(6);
  a.size = row.text(7);
  a.place_code = row.text(8);
  a.province_code = row.text(9);
  a.status = assessment_status_from(row.text(10)).value_or(AssessmentStatus::kDraft);
  a.origin = row.text(11) == "import" ? AssessmentOrigin::kImport : AssessmentOrigin::kOnline;
  a.answers = row.text(12);
  if (!row.is_null(13)) a.self_score = row.real(13);
  a.self_level = text_of(row, 14);
  if (!row.is_null(15)) a.reviewed_answers = row.text(15);
  if (!row.is_null(16)) a.score = row.real(16);
  a.level = text_of(row, 17);
  a.assessor_id = text_of(row, 18);
  a.review_note = text_of(row, 19);
  a.created_at = row.text(20);
  a.updated_at = row.text(21);
  a.submitted_at = text_of(row, 22);
  a.reviewed_at = text_of(row, 23);
  a.version = row.integer(24);
  return a;
}

Status insert_assessment(storage::Connection& conn, const AssessmentRecord& a) {
  const auto values = values_of(a);
  return conn.execute_deferred(std::string("INSERT INTO assessments (") + std::string(kColumns) +
                                   ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
                                   "$15, $16, $17, $18, $19, $20, "
                                   "$21, $22, $23, $24, $25)",
                               values);
}

Status update_assessment(storage::Connection& conn, const AssessmentRecord& a) {
  // Who it is about, where and when it began never change; the rest is the respondent's or assessor's.
  auto r = conn.execute(
      "UPDATE assessments SET status = $3, answers = $4, self_score = $5, self_level = $6, reviewed_answers "
      "= $7, "
      "score = $8, level = $9, assessor_id = $10, review_note = $11, updated_at = $12, submitted_at = $13, "
      "reviewed_at = $14, framework_version = $15, industry = $16, size = $17, subject_name = $18, version = "
      "$2 + 1 "
      "WHERE id = $1 AND version = $2",
      {a.id, a.version - 1, std::string(name(a.status)), a.answers, real_or_null(a.self_score),
       text_or_null(a.self_level), a.reviewed_answers ? Value(*a.reviewed_answers) : Value(nullptr),
       real_or_null(a.score), text_or_null(a.level), text_or_null(a.assessor_id), text_or_null(a.review_note),
       a.updated_at, text_or_null(a.submitted_at), text_or_null(a.reviewed_at),
       std::int64_t{a.framework_version}, a.industry, a.size, a.subject_name});
  if (!r) return tl::unexpected(r.error());
  if (r->affected_rows != 1)
    return fail(ErrorCode::kConflict, "The assessment was changed by someone else; reload it", "version");
  return {};
}

Result<std::optional<AssessmentRecord>> load_assessment(storage::Connection& conn, const std::string& id) {
  auto r =
      conn.execute(std::string("SELECT ") + std::string(kColumns) + " FROM assessments WHERE id = $1", {id});
  if (!r) return tl::unexpected(r.error());
  if (r->rows.empty()) return std::optional<AssessmentRecord>();
  return std::optional<AssessmentRecord>(record_from_row(r->rows.front()));
}

Result<storage::RowPage> page_by_owner(storage::Connection& conn, const std::string& account_id,
                                       const storage::PageRequest& page) {
  return storage::fetch_page(conn, std::string("SELECT ") + std::string(kColumns) + " FROM assessments",
                             "SELECT count(*) FROM assessments", "owner_account_id = $1", "id", {account_id},
                             page);
}

Result<storage::RowPage> page_for_review(storage::Connection& conn, const std::string& province_code,
                                         const storage::PageRequest& page) {
  return storage::fetch_page(conn, std::string("SELECT ") + std::string(kColumns) + " FROM assessments",
                             "SELECT count(*) FROM assessments",
                             "status = 'submitted' AND ($1 = '' OR province_code = $1)", "id",
                             {province_code}, page);
}

Result<std::vector<double>> peer_scores(storage::Connection& conn, const std::string& framework,
                                        const std::string& industry, const std::string& size,
                                        const std::string& province_code, const std::string& except_subject) {
  auto r = conn.execute(
      "SELECT subject_id, submitted_at, score FROM assessments WHERE framework = $1 AND industry = $2 AND "
      "size = $3 AND province_code = $4 AND status IN ('submitted', 'confirmed') AND subject_id <> $5 "
      "AND score IS NOT NULL",
      {framework, industry, size, province_code, except_subject});
  if (!r) return tl::unexpected(r.error());
  // The latest per subject: a firm assessed twice counts once, as it stands now.
  std::map<std::string, std::pair<std::string, double>> latest;
  for (const auto& row : r->rows) {
    auto& slot = latest[row.text(0)];
    if (row.text(1) >= slot.first) slot = {row.text(1), row.real(2)};
  }
  std::vector<double> out;
  for (const auto& [subject, v] : latest) out.push_back(v.second);
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::vector<std::string>> evidence_file_names(storage::Connection& conn) {
  auto rows = conn.execute("SELECT storage_name FROM assessment_evidence", {});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<std::string> names;
  for (const auto& r : rows->rows) names.push_back(r.text(0));
  return names;
}

}  // namespace sen::assessment
