#include "assessment/assessments.hpp"

#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <cstdio>

#include "assessment/assessment_report.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/service_index.hpp"
#include "audit/audit_log.hpp"
#include "core/content_sniff.hpp"
#include "core/json_parse.hpp"
#include "core/text_fold.hpp"
#include "identity/roles.hpp"

namespace sen::assessment {
namespace {

namespace json = boost::json;
using identity::Action;

json::object text_json(const Text& t) { return json::object{{"vi", t.vi}, {"en", t.en}}; }

// Scores are shown with two decimals; the stored score keeps what scoring computed.
double shown(double v) { return std::round(v * 100) / 100; }

json::object part_json(const PartScore& p) {
  return json::object{{"id", p.id},
                      {"name", text_json(p.name)},
                      {"percent", p.fraction ? json::value(shown(*p.fraction * 100)) : json::value(nullptr)},
                      {"points", shown(p.points)},
                      {"max_points", p.max_points}};
}

json::value band_json(const Band* b) {
  if (b == nullptr) return nullptr;
  return json::object{{"id", b->id}, {"name", text_json(b->name)}};
}

Result<json::object> parse_object(const std::string& text) {
  boost::system::error_code ec;
  json::value v = parse_json(text, ec);
  if (ec || !v.is_object()) return fail_internal("stored answers are not a JSON object");
  return std::move(v.as_object());
}

bool is_enterprise(const Framework& f) { return f.subject_type == SubjectType::kEnterprise; }

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

std::string new_assessment_id(std::chrono::system_clock::time_point now) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  unsigned char random[5];
  randombytes_buf(random, sizeof random);
  char out[40];
  std::snprintf(out, sizeof out, "DG%012llx%02x%02x%02x%02x%02x", static_cast<unsigned long long>(ms),
                random[0], random[1], random[2], random[3], random[4]);
  return out;
}

Assessments::Assessments(storage::Database& db, const FrameworkRegistry& frameworks,
                         places::PlaceRepository& places, const identity::Authorizer& authorizer,
                         const Clock& clock, const AssessmentConfig& config,
                         const documents::PdfRenderer& renderer, services::FileStore& files,
                         SolutionsFor solutions)
    : db_(db),
      frameworks_(frameworks),
      places_(places),
      authorizer_(authorizer),
      clock_(clock),
      config_(config),
      renderer_(renderer),
      files_(files),
      solutions_(std::move(solutions)) {}

identity::Target Assessments::target_of(const AssessmentRecord& a) const {
  identity::Target t;
  t.place_code = a.place_code;
  t.owner_account_id = a.owner_account_id;
  return t;
}

Status Assessments::check_subject(const Framework& f, const AssessmentInput& in) const {
  if (!is_enterprise(f)) return {};
  if (f.industries.empty()) {
    if (!in.industry.empty())
      return fail(ErrorCode::kInvalidArgument, "This framework has no industries", "industry");
  } else {
    const bool known = std::any_of(f.industries.begin(), f.industries.end(),
                                   [&](const Industry& i) { return i.id == in.industry; });
    if (!known)
      return fail(ErrorCode::kInvalidArgument, "industry must be one of the framework's industries",
                  "industry");
    if (!f.applies_to_industries.empty() && !contains(f.applies_to_industries, in.industry))
      return fail(ErrorCode::kInvalidArgument, "This framework does not apply to this industry", "industry");
  }
  if (std::find(std::begin(kSizes), std::end(kSizes), in.size) == std::end(kSizes))
    return fail(ErrorCode::kInvalidArgument, "size must be micro, small, medium or large", "size");
  if (!f.sizes.empty() && !contains(f.sizes, in.size))
    return fail(ErrorCode::kInvalidArgument, "This framework is not for enterprises of this size", "size");
  return {};
}

Status Assessments::submit_scored(const Framework& f, const Answers& answers, const std::string& at,
                                  AssessmentRecord& a) {
  if (auto missing = unanswered(f, answers, ItemSource::kSelfReport); !missing.empty())
    return fail(ErrorCode::kInvalidArgument,
                "Answer every question before submitting (\"na\" if it does not apply)",
                "answers." + missing.front());
  auto data = platform_data_for(a);
  if (!data) return tl::unexpected(data.error());
  const auto s = score(f, answers, {a.industry, a.size}, *data);
  a.status = AssessmentStatus::kSubmitted;
  a.submitted_at = at;
  a.self_score = a.score = s.score;
  a.self_level = a.level = s.level ? s.level->id : "";
  return {};
}

Result<Assessments::OwnDraft> Assessments::load_own_draft(const identity::Principal& who,
                                                          const std::string& id,
                                                          std::string_view when_not_draft) {
  auto loaded = load(id);
  if (!loaded) return tl::unexpected(loaded.error());
  if (loaded->owner_account_id != who.account_id)
    return fail(ErrorCode::kNotFound, "No assessment with this id");
  if (loaded->status != AssessmentStatus::kDraft)
    return fail(ErrorCode::kConflict, std::string(when_not_draft), "status");
  const Framework* f = frameworks_.get(loaded->framework, loaded->framework_version);
  if (f == nullptr) return fail_internal("framework version of an assessment is not loaded");
  return OwnDraft{std::move(*loaded), f};
}

Result<json::object> Assessments::create(const identity::Principal& who, const AssessmentInput& in,
                                         const identity::Origin& origin) {
  const Framework* f = frameworks_.latest(in.framework);
  if (f == nullptr) return fail(ErrorCode::kInvalidArgument, "No framework with this id", "framework");
  AssessmentRecord a;
  switch (f->subject_type) {
    case SubjectType::kEnterprise:
      if (who.kind != "business")
        return fail(ErrorCode::kForbidden, "Enterprise frameworks are answered by a business representative");
      if (auto ok = check_subject(*f, in); !ok) return tl::unexpected(ok.error());
      a.subject_id = who.account_id;
      a.industry = in.industry;
      a.size = in.size;
      break;
    case SubjectType::kProvince:
    case SubjectType::kCommune:
      // A place assesses itself through its administrator.
      if (who.kind != "official") return fail(ErrorCode::kForbidden, "Only officials assess a place");
      a.subject_id = in.place;
      break;
    case SubjectType::kAgency:
      return fail(
          ErrorCode::kInvalidArgument,
          "This index is computed from the agencies' dossiers and is not answered: see /api/v1/service-index",
          "framework");
  }
  auto place = places_.get(in.place);
  if (!place) return fail(ErrorCode::kInvalidArgument, "No place with this code", "place");
  if (f->subject_type == SubjectType::kProvince && place->level != "province")
    return fail(ErrorCode::kInvalidArgument, "place must be a province for this framework", "place");
  if (f->subject_type == SubjectType::kCommune && place->level != "commune")
    return fail(ErrorCode::kInvalidArgument, "place must be a commune for this framework", "place");
  if (f->subject_type != SubjectType::kEnterprise)
    if (auto ok = authorizer_.authorize(who, Action::kAssessPlace, {place->code}); !ok)
      return tl::unexpected(ok.error());
  a.subject_name = f->subject_type == SubjectType::kEnterprise ? who.display_name : place->name;
  a.place_code = place->code;
  a.province_code = places::province_of(*place);
  auto answers = parse_answers(*f, in.answers, {a.industry, a.size});
  if (!answers) return tl::unexpected(answers.error());
  const auto now = clock_.now();
  a.id = new_assessment_id(now);
  a.framework = f->code;
  a.framework_version = f->version;
  a.owner_account_id = who.account_id;
  a.answers = json::serialize(answers_to_json(*answers));
  a.created_at = a.updated_at = format_rfc3339(now);
  a.version = 1;
  if (in.submit)
    if (auto ok = submit_scored(*f, *answers, a.created_at, a); !ok) return tl::unexpected(ok.error());
  auto written = db_.write_transaction([&](storage::Connection& conn) -> Status {
    if (auto ok = insert_assessment(conn, a); !ok) return ok;
    const json::object summary{
        {"framework", a.framework}, {"version", a.framework_version}, {"status", name(a.status)}};
    return audit::append(conn,
                         {origin.actor_id, origin.ip, in.submit ? "assessment.submit" : "assessment.create",
                          "assessment", a.id, a.place_code, json::serialize(summary)},
                         clock_);
  });
  if (!written) return tl::unexpected(written.error());
  return view(who, a, std::nullopt);
}

Result<PlatformData> Assessments::platform_data_for(const AssessmentRecord& a) {
  if (a.province_code.empty() || a.subject_id != a.place_code) return PlatformData{};
  // A place's assessment measures its dossiers of the year so far (Vietnam's calendar).
  const auto now = clock_.now();
  const auto today = vietnam_civil_time(now).date;
  const auto year_start =
      std::chrono::sys_days(today.year() / std::chrono::January / 1) - std::chrono::hours(7);
  const services::ServiceScope scope{a.place_code == a.province_code ? services::ServiceScope::Kind::kProvince
                                                                     : services::ServiceScope::Kind::kCommune,
                                     a.place_code};
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto counts = services::service_counts(**conn, scope, format_rfc3339(year_start), format_rfc3339(now));
  if (!counts) return tl::unexpected(counts.error());
  return platform_data(*counts);
}

Result<AssessmentRecord> Assessments::load(const std::string& id) {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto a = load_assessment(**conn, id);
  if (!a) return tl::unexpected(a.error());
  if (!*a) return fail(ErrorCode::kNotFound, "No assessment with this id");
  return std::move(**a);
}

Result<json::object> Assessments::update(const identity::Principal& who, const std::string& id,
                                         const json::object& answers_in, bool submit,
                                         const identity::Origin& origin) {
  auto draft = load_own_draft(who, id, "A submitted assessment cannot be changed; start a new one");
  if (!draft) return tl::unexpected(draft.error());
  AssessmentRecord& a = draft->record;
  const Framework* f = draft->framework;
  auto answers = parse_answers(*f, answers_in, {a.industry, a.size});
  if (!answers) return tl::unexpected(answers.error());
  const auto now = format_rfc3339(clock_.now());
  a.answers = json::serialize(answers_to_json(*answers));
  a.updated_at = now;
  if (submit)
    if (auto ok = submit_scored(*f, *answers, now, a); !ok) return tl::unexpected(ok.error());
  a.version += 1;
  auto written = db_.write_transaction([&](storage::Connection& conn) -> Status {
    if (auto ok = update_assessment(conn, a); !ok) return ok;
    const json::object summary{{"status", name(a.status)}, {"answers", answers->size()}};
    return audit::append(conn,
                         {origin.actor_id, origin.ip, submit ? "assessment.submit" : "assessment.save",
                          "assessment", a.id, a.place_code, json::serialize(summary)},
                         clock_);
  });
  if (!written) return tl::unexpected(written.error());
  return view(who, a, std::nullopt);
}

Result<json::object> Assessments::get(const identity::Principal& who, const std::string& id,
                                      std::optional<int> rescore) {
  auto a = load(id);
  if (!a) return tl::unexpected(a.error());
  if (!authorizer_.authorize(who, Action::kReadAssessment, target_of(*a)))
    return fail(ErrorCode::kNotFound, "No assessment with this id");
  return view(who, *a, rescore);
}

Result<std::vector<EvidenceFile>> Assessments::evidence_files(const std::string& id) {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto r = (*conn)->execute(
      "SELECT item_id, content_type, size_bytes, added_at FROM assessment_evidence WHERE assessment_id = $1",
      {id});
  if (!r) return tl::unexpected(r.error());
  std::vector<EvidenceFile> out;
  for (const auto& row : r->rows) out.push_back({row.text(0), row.text(1), row.integer(2), row.text(3)});
  return out;
}

namespace {

// Items that need evidence, answered (not "na") without a file: an assessor confirms them only with one.
std::vector<std::string> missing_evidence(const Framework& f, const Answers& answers,
                                          const std::vector<EvidenceFile>& attached) {
  std::vector<std::string> out;
  for (const Item* it : f.all_items()) {
    if (!it->evidence_required || it->source != ItemSource::kSelfReport) continue;
    const auto answer = answers.find(it->id);
    if (answer == answers.end() || std::holds_alternative<NotApplicable>(answer->second)) continue;
    const bool has_file = std::any_of(attached.begin(), attached.end(),
                                      [&](const EvidenceFile& e) { return e.item_id == it->id; });
    if (!has_file) out.push_back(it->id);
  }
  return out;
}

}  // namespace

Result<json::object> Assessments::attach_evidence(const identity::Principal& who, const std::string& id,
                                                  const std::string& item_id, std::string_view bytes,
                                                  const identity::Origin& origin) {
  auto draft = load_own_draft(who, id, "Evidence is attached before submitting");
  if (!draft) return tl::unexpected(draft.error());
  const AssessmentRecord& a = draft->record;
  const Framework* f = draft->framework;
  const Item* item = f->item(item_id);
  if (item == nullptr || item->source != ItemSource::kSelfReport)
    return fail(ErrorCode::kInvalidArgument, "No question of yours with this id", "item");
  const std::string_view type = sniff_content_type(bytes);
  if (type != "application/pdf" && type != "image/jpeg" && type != "image/png")
    return fail(ErrorCode::kUnsupportedMediaType, "Evidence must be a PDF, JPEG or PNG file", "file");
  auto stored = files_.put(bytes, "documents");
  if (!stored) return tl::unexpected(stored.error());
  std::string replaced;
  auto written = db_.write_transaction([&](storage::Connection& conn) -> Status {
    auto old =
        conn.execute("SELECT storage_name FROM assessment_evidence WHERE assessment_id = $1 AND item_id = $2",
                     {a.id, item_id});
    if (!old) return tl::unexpected(old.error());
    replaced = old->rows.empty() ? "" : old->rows.front().text(0);
    auto del = conn.execute("DELETE FROM assessment_evidence WHERE assessment_id = $1 AND item_id = $2",
                            {a.id, item_id});
    if (!del) return tl::unexpected(del.error());
    auto ins = conn.execute(
        "INSERT INTO assessment_evidence (assessment_id, item_id, storage_name, content_type, size_bytes, "
        "sha256, "
        "added_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {a.id, item_id, stored->name, std::string(type), static_cast<std::int64_t>(stored->size),
         stored->sha256, format_rfc3339(clock_.now())});
    if (!ins) return tl::unexpected(ins.error());
    const json::object summary{{"item", item_id}, {"content_type", type}, {"size_bytes", stored->size}};
    return audit::append(conn,
                         {origin.actor_id, origin.ip, "assessment.evidence", "assessment", a.id, a.place_code,
                          json::serialize(summary)},
                         clock_);
  });
  if (!written) {
    files_.remove(stored->name);
    return tl::unexpected(written.error());
  }
  if (!replaced.empty()) files_.remove(replaced);
  return view(who, a, std::nullopt);
}

Result<Assessments::Evidence> Assessments::evidence(const identity::Principal& who, const std::string& id,
                                                    const std::string& item_id) {
  auto a = load(id);
  if (!a) return tl::unexpected(a.error());
  if (!authorizer_.authorize(who, Action::kReadAssessment, target_of(*a)))
    return fail(ErrorCode::kNotFound, "No assessment with this id");
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto r = (*conn)->execute(
      "SELECT storage_name, content_type FROM assessment_evidence WHERE assessment_id = $1 AND item_id = $2",
      {id, item_id});
  if (!r) return tl::unexpected(r.error());
  if (r->rows.empty()) return fail(ErrorCode::kNotFound, "No evidence for this question");
  auto location = files_.locate(r->rows.front().text(0));
  if (!location) return tl::unexpected(location.error());
  return Evidence{*location, r->rows.front().text(1)};
}

Result<std::string> Assessments::report_pdf(const identity::Principal& who, const std::string& id) {
  auto v = get(who, id);
  if (!v) return tl::unexpected(v.error());
  return renderer_.render(assessment_report(*v));
}

Result<json::object> Assessments::review(const identity::Principal& who, const std::string& id,
                                         const ReviewInput& in, const identity::Origin& origin) {
  auto loaded = load(id);
  if (!loaded) return tl::unexpected(loaded.error());
  AssessmentRecord a = std::move(*loaded);
  if (!authorizer_.authorize(who, Action::kReadAssessment, target_of(a)))
    return fail(ErrorCode::kNotFound, "No assessment with this id");
  if (auto ok = authorizer_.authorize(who, Action::kReviewAssessment, target_of(a)); !ok)
    return tl::unexpected(ok.error());
  if (a.owner_account_id == who.account_id)
    return fail(ErrorCode::kForbidden, "Nobody reviews their own assessment");
  if (utf8_length(in.note) > static_cast<std::size_t>(config_.note_max_chars))
    return fail(ErrorCode::kInvalidArgument,
                "note must be at most " + std::to_string(config_.note_max_chars) + " characters", "note");
  if (a.status != AssessmentStatus::kSubmitted)
    return fail(ErrorCode::kConflict, "Only a submitted assessment waits for review", "status");
  const Framework* f = frameworks_.get(a.framework, a.framework_version);
  if (f == nullptr) return fail_internal("framework version of an assessment is not loaded");
  auto submitted = parse_object(a.answers);
  if (!submitted) return tl::unexpected(submitted.error());
  // The assessor's version starts from the respondent's answers; corrections replace single answers.
  json::object corrected = *submitted;
  if (in.answers)
    for (const auto& kv : *in.answers) corrected[kv.key()] = kv.value();
  auto answers = parse_answers(*f, corrected, {a.industry, a.size});
  if (!answers) return tl::unexpected(answers.error());
  if (auto missing = unanswered(*f, *answers, ItemSource::kAssessor); !missing.empty())
    return fail(ErrorCode::kInvalidArgument, "Answer the assessor's questions (\"na\" if one does not apply)",
                "answers." + missing.front());
  // An answer that needs evidence is confirmed only with it; an assessor who judges without it
  // corrects the answer instead.
  {
    auto submitted_answers = parse_answers(*f, *submitted, {a.industry, a.size});
    if (!submitted_answers) return tl::unexpected(submitted_answers.error());
    auto attached = evidence_files(a.id);
    if (!attached) return tl::unexpected(attached.error());
    for (const auto& item : missing_evidence(*f, *submitted_answers, *attached)) {
      const auto kept = answers->find(item);
      const auto given = submitted_answers->find(item);
      if (kept != answers->end() && given != submitted_answers->end() && kept->second == given->second)
        return fail(
            ErrorCode::kInvalidArgument,
            "This answer needs evidence the respondent did not attach: correct it or ask for the evidence",
            "evidence." + item);
    }
  }
  auto data = platform_data_for(a);
  if (!data) return tl::unexpected(data.error());
  const auto s = score(*f, *answers, {a.industry, a.size}, *data);
  const auto now = format_rfc3339(clock_.now());
  a.status = AssessmentStatus::kConfirmed;
  a.reviewed_answers = json::serialize(answers_to_json(*answers));
  a.score = s.score;
  a.level = s.level ? s.level->id : "";
  a.assessor_id = who.account_id;
  a.review_note = in.note;
  a.reviewed_at = a.updated_at = now;
  a.version += 1;
  const bool changed = *a.reviewed_answers != a.answers;
  auto written = db_.write_transaction([&](storage::Connection& conn) -> Status {
    if (auto ok = update_assessment(conn, a); !ok) return ok;
    const json::object summary{{"corrected", changed}, {"score", a.score.value_or(0)}, {"level", a.level}};
    return audit::append(conn,
                         {origin.actor_id, origin.ip, "assessment.review", "assessment", a.id, a.place_code,
                          json::serialize(summary)},
                         clock_);
  });
  if (!written) return tl::unexpected(written.error());
  return view(who, a, std::nullopt);
}

Result<storage::RowPage> Assessments::mine(const identity::Principal& who, const storage::PageRequest& page) {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  return page_by_owner(**conn, who.account_id, page);
}

Result<storage::RowPage> Assessments::review_queue(const identity::Principal& who,
                                                   const storage::PageRequest& page) {
  // An assessor's grants on places; the queue covers one of them (the first), or the nation.
  std::string province;
  bool any = false;
  for (const auto& g : who.roles) {
    if (g.role != identity::kRoleAssessor || g.scope_kind != "place") continue;
    any = true;
    province = g.scope_code == "VN" ? "" : g.scope_code;
    break;
  }
  if (!any) return fail(ErrorCode::kForbidden, "Only accredited assessors have a review queue");
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  return page_for_review(**conn, province, page);
}

Result<std::optional<AssessmentRecord>> Assessments::latest_confirmed(const std::string& owner_account_id) {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  std::optional<AssessmentRecord> latest;
  for (storage::PageRequest page{500, "", false};;) {
    auto rows = page_by_owner(**conn, owner_account_id, page);
    if (!rows) return tl::unexpected(rows.error());
    for (const auto& row : rows->rows) {
      auto a = record_from_row(row);
      if (a.status == AssessmentStatus::kConfirmed) latest = std::move(a);
    }
    if (!rows->next_after) break;
    page.after = *rows->next_after;
  }
  return latest;
}

json::object Assessments::summary(const AssessmentRecord& a) const {
  const Framework* f = frameworks_.get(a.framework, a.framework_version);
  const Band* level = nullptr;
  if (f != nullptr && f->levels)
    for (const auto& b : f->levels->bands)
      if (b.id == a.level) level = &b;
  return json::object{
      {"id", a.id},
      {"framework", json::object{{"code", a.framework},
                                 {"version", a.framework_version},
                                 {"name", f ? json::value(text_json(f->name)) : json::value(nullptr)}}},
      {"status", name(a.status)},
      {"subject",
       json::object{
           {"name", a.subject_name}, {"industry", a.industry}, {"size", a.size}, {"place", a.place_code}}},
      {"score", a.score ? json::value(shown(*a.score)) : json::value(nullptr)},
      {"max_score", f ? f->scale_max : 0.0},
      {"level", band_json(level)},
      {"created_at", a.created_at},
      {"submitted_at", a.submitted_at.empty() ? json::value(nullptr) : json::value(a.submitted_at)},
      {"reviewed_at", a.reviewed_at.empty() ? json::value(nullptr) : json::value(a.reviewed_at)}};
}

Result<json::object> Assessments::benchmark(const AssessmentRecord& a, double score_value) {
  const json::object group{
      {"framework", a.framework}, {"industry", a.industry}, {"size", a.size}, {"province", a.province_code}};
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto peers = peer_scores(**conn, a.framework, a.industry, a.size, a.province_code, a.subject_id);
  if (!peers) return tl::unexpected(peers.error());
  const auto n = static_cast<std::int64_t>(peers->size());
  if (n < config_.benchmark_min_peers) {
    // How many peers there are is itself withheld: a group of one would name its member.
    return json::object{{"shown", false}, {"group", group}, {"min_peers", config_.benchmark_min_peers}};
  }
  // Percentile rank: peers below, plus half of those level with it.
  double below = 0, level = 0;
  for (double p : *peers) {
    if (p < score_value - 1e-9) {
      below += 1;
    } else if (std::abs(p - score_value) <= 1e-9) {
      level += 1;
    }
  }
  const double percentile = std::round((below + level / 2) / static_cast<double>(n) * 100);
  const double median =
      n % 2 == 1
          ? (*peers)[static_cast<std::size_t>(n / 2)]
          : ((*peers)[static_cast<std::size_t>(n / 2 - 1)] + (*peers)[static_cast<std::size_t>(n / 2)]) / 2;
  return json::object{
      {"shown", true}, {"group", group}, {"peers", n}, {"percentile", percentile}, {"median", shown(median)}};
}

Result<json::object> Assessments::result_json(const Framework& f, const AssessmentRecord& a,
                                              const Answers& answers, const Subject& subject) {
  auto data = platform_data_for(a);
  if (!data) return tl::unexpected(data.error());
  const auto s = score(f, answers, subject, *data);
  json::object out;
  out["score"] = s.fraction ? json::value(shown(s.score)) : json::value(nullptr);
  out["max_score"] = f.scale_max;
  json::array pillars;
  for (const auto& p : s.pillars) pillars.push_back(part_json(p));
  out["pillars"] = std::move(pillars);
  out["level"] = band_json(s.level);
  out["band"] = band_json(s.band);
  json::array gates;
  for (const Gate* g : s.gates_failed)
    gates.push_back(json::object{{"id", g->id}, {"name", text_json(g->name)}});
  out["gates_failed"] = std::move(gates);
  if (s.gap) {
    json::array blocked;
    for (const Gate* g : s.gap->blocked_by)
      blocked.push_back(json::object{{"id", g->id}, {"name", text_json(g->name)}});
    out["next_level_gap"] = json::object{{"level", band_json(s.gap->next)},
                                         {"points", shown(s.gap->points)},
                                         {"blocked_by", std::move(blocked)}};
  } else {
    out["next_level_gap"] = nullptr;
  }
  json::array recs;
  for (const Recommendation* r : s.recommendations) {
    json::array solutions;
    if (!r->categories.empty() && solutions_) {
      auto found = solutions_(subject.industry, r->categories);
      if (!found) return tl::unexpected(found.error());
      solutions = std::move(*found);
    }
    const auto& part = s.nodes.at(r->node);
    recs.push_back(json::object{
        {"id", r->id},
        {"node", json::object{{"id", r->node}, {"name", text_json(part.name)}}},
        {"percent", part.fraction ? json::value(shown(*part.fraction * 100)) : json::value(nullptr)},
        {"text", text_json(r->text)},
        {"categories", json::value_from(r->categories)},
        {"solutions", std::move(solutions)}});
  }
  out["recommendations"] = std::move(recs);
  if (a.status != AssessmentStatus::kDraft && s.fraction && is_enterprise(f)) {
    auto b = benchmark(a, s.score);
    if (!b) return tl::unexpected(b.error());
    out["benchmark"] = std::move(*b);
  } else {
    out["benchmark"] = nullptr;
  }
  return out;
}

Result<json::object> Assessments::view(const identity::Principal& who, const AssessmentRecord& a,
                                       std::optional<int> rescore) {
  const int version = rescore.value_or(a.framework_version);
  const Framework* f = frameworks_.get(a.framework, version);
  if (f == nullptr) return fail(ErrorCode::kInvalidArgument, "No such version of this framework", "rescore");
  const Subject subject{a.industry, a.size};
  auto in_force = parse_object(a.reviewed_answers.value_or(a.answers));
  if (!in_force) return tl::unexpected(in_force.error());
  std::vector<std::string> dropped;
  const Answers answers = carry_over(*f, *in_force, subject, dropped);
  auto result = result_json(*f, a, answers, subject);
  if (!result) return tl::unexpected(result.error());
  json::object out = summary(a);
  for (auto& kv : *result) out[kv.key()] = std::move(kv.value());
  out["framework"].as_object()["scored_with"] = version;
  auto& subject_json = out["subject"].as_object();
  for (const auto& i : f->industries)
    if (i.id == a.industry) subject_json["industry_name"] = text_json(i.name);
  if (auto place = places_.get(a.place_code)) subject_json["place_name"] = place->name;
  out["version"] = a.version;
  out["origin"] = name(a.origin);
  auto own = parse_object(a.answers);
  if (!own) return tl::unexpected(own.error());
  out["answers"] = std::move(*own);
  if (a.reviewed_answers) {
    auto reviewed = parse_object(*a.reviewed_answers);
    if (!reviewed) return tl::unexpected(reviewed.error());
    out["reviewed_answers"] = std::move(*reviewed);
    out["self"] =
        json::object{{"score", a.self_score ? json::value(shown(*a.self_score)) : json::value(nullptr)},
                     {"level", a.self_level}};
    out["review_note"] = a.review_note;
  } else {
    out["reviewed_answers"] = nullptr;
  }
  if (rescore) out["not_carried_over"] = json::value_from(dropped);
  if (a.status == AssessmentStatus::kDraft)
    out["unanswered"] = json::value_from(unanswered(*f, answers, ItemSource::kSelfReport));
  json::array actions;
  if (a.status == AssessmentStatus::kDraft && a.owner_account_id == who.account_id) {
    actions.emplace_back("save");
    actions.emplace_back("submit");
  }
  if (a.status == AssessmentStatus::kSubmitted && a.owner_account_id != who.account_id &&
      authorizer_.authorize(who, Action::kReviewAssessment, target_of(a)))
    actions.emplace_back("review");
  out["allowed_actions"] = std::move(actions);
  auto attached = evidence_files(a.id);
  if (!attached) return tl::unexpected(attached.error());
  json::object evidence;
  for (const auto& e : *attached)
    evidence[e.item_id] = json::object{
        {"content_type", e.content_type}, {"size_bytes", e.size_bytes}, {"added_at", e.added_at}};
  out["evidence"] = std::move(evidence);
  // Judged on the respondent's own answers, under the version scored with (one it no longer reads is
  // skipped).
  if (auto own_answers = parse_answers(*f, out["answers"].as_object(), subject))
    out["evidence_missing"] = json::value_from(missing_evidence(*f, *own_answers, *attached));
  return out;
}

}  // namespace sen::assessment
