#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "assessment/assessment_record.hpp"
#include "assessment/framework_registry.hpp"
#include "assessment/scoring.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "documents/pdf_document.hpp"
#include "identity/account_service.hpp"
#include "identity/authorization.hpp"
#include "identity/principal.hpp"
#include "places/place_repository.hpp"
#include "services/file_store.hpp"
#include "storage/database.hpp"
#include "storage/keyset_page.hpp"

namespace sen::assessment {

// A file attached as the evidence of an answer.
struct EvidenceFile {
  std::string item_id, content_type;
  std::int64_t size_bytes = 0;
  std::string added_at;
};

// Approved solutions of these tool categories for an industry, as the public list shows them.
using SolutionsFor = std::function<Result<boost::json::array>(const std::string& industry,
                                                              const std::vector<std::string>& categories)>;

struct AssessmentInput {
  std::string framework;
  std::string industry, size, place;  // the subject: enterprise frameworks need all three
  boost::json::object answers;
  bool submit = false;
};

struct ReviewInput {
  std::optional<boost::json::object> answers;  // the assessor's corrections; none: confirmed as submitted
  std::string note;
};

// Self-assessments and their review. A business representative answers an enterprise framework (a
// province's administrator the provincial one), saves and resumes, and submits; on submission it is
// scored at once and compared with its peers. An accredited assessor of its place then confirms or
// corrects it, and both versions are kept. Every change is audited in its transaction.
class Assessments {
 public:
  Assessments(storage::Database& db, const FrameworkRegistry& frameworks, places::PlaceRepository& places,
              const identity::Authorizer& authorizer, const Clock& clock, const AssessmentConfig& config,
              const documents::PdfRenderer& renderer, services::FileStore& files, SolutionsFor solutions);

  Result<boost::json::object> create(const identity::Principal& who, const AssessmentInput& in,
                                     const identity::Origin& origin);
  // Saves the answers of a draft (replacing them) and, with `submit`, submits it.
  Result<boost::json::object> update(const identity::Principal& who, const std::string& id,
                                     const boost::json::object& answers, bool submit,
                                     const identity::Origin& origin);
  // The assessment as its reader may see it; `rescore` scores its answers under another version.
  Result<boost::json::object> get(const identity::Principal& who, const std::string& id,
                                  std::optional<int> rescore = std::nullopt);
  // Evidence for an item of a draft (PDF, JPEG or PNG, told from its bytes), replacing any earlier one.
  Result<boost::json::object> attach_evidence(const identity::Principal& who, const std::string& id,
                                              const std::string& item_id, std::string_view bytes,
                                              const identity::Origin& origin);
  struct Evidence {
    FileLocation location;
    std::string content_type;
  };
  // An item's evidence, for whoever may read the assessment.
  Result<Evidence> evidence(const identity::Principal& who, const std::string& id,
                            const std::string& item_id);
  // The PDF report of an assessment the caller may read.
  Result<std::string> report_pdf(const identity::Principal& who, const std::string& id);
  Result<boost::json::object> review(const identity::Principal& who, const std::string& id,
                                     const ReviewInput& in, const identity::Origin& origin);
  // The caller's own assessments, oldest first, with their scores: progress over time.
  Result<storage::RowPage> mine(const identity::Principal& who, const storage::PageRequest& page);
  // Submitted assessments waiting for the caller's review, in the provinces their grants cover.
  Result<storage::RowPage> review_queue(const identity::Principal& who, const storage::PageRequest& page);
  // A list row's summary.
  boost::json::object summary(const AssessmentRecord& a) const;
  // The latest confirmed assessment of a subject (the support rule reads it).
  Result<std::optional<AssessmentRecord>> latest_confirmed(const std::string& owner_account_id);

  Result<AssessmentRecord> load(const std::string& id);

 private:
  Result<boost::json::object> view(const identity::Principal& who, const AssessmentRecord& a,
                                   std::optional<int> rescore);
  Result<boost::json::object> result_json(const Framework& f, const AssessmentRecord& a,
                                          const Answers& answers, const Subject& subject);
  Result<boost::json::object> benchmark(const AssessmentRecord& a, double score);
  struct OwnDraft {
    AssessmentRecord record;
    const Framework* framework;
  };
  // A draft of the caller's, with its framework version; kNotFound for another's, kConflict once submitted.
  Result<OwnDraft> load_own_draft(const identity::Principal& who, const std::string& id,
                                  std::string_view when_not_draft);
  // Checks the respondent's answers are all given, scores them and marks the assessment submitted at `at`.
  Status submit_scored(const Framework& f, const Answers& answers, const std::string& at,
                       AssessmentRecord& a);
  // What `computed` items measure for the assessment's subject: a place's dossiers; nothing for others.
  Result<PlatformData> platform_data_for(const AssessmentRecord& a);
  Result<std::vector<EvidenceFile>> evidence_files(const std::string& id);
  Status check_subject(const Framework& f, const AssessmentInput& in) const;
  identity::Target target_of(const AssessmentRecord& a) const;

  storage::Database& db_;
  const FrameworkRegistry& frameworks_;
  places::PlaceRepository& places_;
  const identity::Authorizer& authorizer_;
  const Clock& clock_;
  const AssessmentConfig& config_;
  const documents::PdfRenderer& renderer_;
  services::FileStore& files_;
  SolutionsFor solutions_;
};

// A new assessment id: time-ordered, so lists keyed by id run oldest first.
std::string new_assessment_id(std::chrono::system_clock::time_point now);

}  // namespace sen::assessment
