// Digital-transformation frameworks (public documents) and assessments (their respondents, assessors
// and administrators).
#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

#include "assessment/assessment_import.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/framework_file.hpp"
#include "http/api.hpp"
#include "http/api_support.hpp"
#include "http/authentication.hpp"
#include "http/table_export.hpp"
#include "tables/xlsx_reader.hpp"

namespace sen::http {
namespace {

namespace json = boost::json;

json::object text_json(const assessment::Text& t) { return json::object{{"vi", t.vi}, {"en", t.en}}; }

json::array versions_json(const ApiContext& ctx, const std::string& code) {
  json::array out;
  for (const auto* v : ctx.frameworks.versions(code))
    out.push_back(
        json::object{{"version", v->version},
                     {"supersedes", v->supersedes ? json::value(*v->supersedes) : json::value(nullptr)}});
  return out;
}

json::object framework_summary(const ApiContext& ctx, const assessment::Framework& f) {
  json::array industries;
  for (const auto& i : f.industries)
    industries.push_back(json::object{{"id", i.id}, {"name", text_json(i.name)}});
  return json::object{{"id", f.code},
                      {"version", f.version},
                      {"name", text_json(f.name)},
                      {"issuer", f.issuer},
                      {"subject_type", assessment::name(f.subject_type)},
                      {"sizes", json::value_from(f.sizes)},
                      {"industries", std::move(industries)},
                      {"max_score", f.scale_max},
                      {"items", f.all_items().size()},
                      {"versions", versions_json(ctx, f.code)}};
}

Result<std::optional<int>> version_param(const Request& r, std::string_view key) {
  const auto v = r.query_param(key);
  if (!v) return std::optional<int>();
  int n = 0;
  const std::string s(*v);
  if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos ||
      (n = std::stoi(s)) < 1)
    return fail(ErrorCode::kInvalidArgument, std::string(key) + " must be a version number",
                std::string(key));
  return std::optional<int>(n);
}

Response page_of_assessments(const ApiContext& ctx, const storage::RowPage& page) {
  json::array items;
  for (const auto& row : page.rows)
    items.push_back(ctx.assessments.summary(assessment::record_from_row(row)));
  return json_response(json::object{
      {"items", std::move(items)},
      {"total", page.total},
      {"next", page.next_after ? json::value(encode_cursor(*page.next_after)) : json::value(nullptr)}});
}

// A page of one of the caller's lists of assessments (their own, or their review queue).
using AssessmentPage = Result<storage::RowPage> (assessment::Assessments::*)(const identity::Principal&,
                                                                             const storage::PageRequest&);
Response assessment_list(const ApiContext& ctx, const Request& r, AssessmentPage list) {
  if (auto ok = check_query_names(r, {kPagingParams}); !ok) return error_response(ok.error(), r);
  auto who = authenticate(r, ctx.accounts);
  if (!who) return error_response(who.error(), r);
  auto page = parse_page_request(r);
  if (!page) return error_response(page.error(), r);
  auto rows = (ctx.assessments.*list)(*who, *page);
  if (!rows) return error_response(rows.error(), r);
  return page_of_assessments(ctx, *rows);
}

json::object words_json(const std::map<std::string, assessment::Text>& words) {
  json::object out;
  for (const auto& [id, t] : words) out[id] = text_json(t);
  return out;
}

json::array import_errors_json(const std::vector<assessment::AssessmentImportError>& errors) {
  json::array out;
  for (const auto& e : errors)
    out.push_back(json::object{{"row", e.row}, {"column", e.column}, {"message", e.message}});
  return out;
}

Response import_assessments(const ApiContext& ctx, const Request& r) {
  auto who = authenticate(r, ctx.accounts, &ctx.write_limiter);
  if (!who) return error_response(who.error(), r);
  // Surveys are imported by officials; which places each may import is decided per row below.
  if (who->kind != "official")
    return error_response(Error{ErrorCode::kForbidden, "Only officials import assessments", "", ""}, r);
  static constexpr std::string_view kKnown[] = {"framework", "dry_run", "skip_invalid"};
  if (auto ok = check_query_names(r, {kKnown}); !ok) return error_response(ok.error(), r);
  const auto* f = ctx.frameworks.latest(r.query_param("framework").value_or(""));
  if (f == nullptr)
    return error_response(
        Error{ErrorCode::kInvalidArgument, "framework must name a framework", "framework", ""}, r);
  const auto type = r.header("content-type").value_or("");
  if (!type.starts_with("text/csv") && !type.starts_with(kXlsxMediaType))
    return error_response(
        Error{ErrorCode::kUnsupportedMediaType, "Send the file as text/csv or " + std::string(kXlsxMediaType),
              "content-type", ""},
        r);
  if (type.starts_with(kXlsxMediaType) != tables::looks_like_xlsx(r.body))
    return error_response(
        Error{ErrorCode::kInvalidArgument, "The file's content does not match its content-type", "file", ""},
        r);
  auto dry_run = flag_param(r, "dry_run");
  if (!dry_run) return error_response(dry_run.error(), r);
  auto skip_invalid = flag_param(r, "skip_invalid");
  if (!skip_invalid) return error_response(skip_invalid.error(), r);
  auto places = assessment::place_lookup(ctx.places);
  if (!places) return error_response(places.error(), r);
  assessment::AssessmentImportOptions options;
  options.max_rows = ctx.assessment_import_max_rows;
  options.max_unpacked_bytes = ctx.import_max_unpacked_bytes;
  options.dry_run = *dry_run;
  options.skip_invalid = *skip_invalid;
  options.may_import_at = [&](const std::string& place) {
    return ctx.authorizer.authorize(*who, identity::Action::kImportAssessments, {place}).has_value();
  };
  auto outcome =
      assessment::import_assessments(r.body, *f, ctx.db, *places, ctx.clock, options, origin_of(r, &*who));
  if (!outcome) return error_response(outcome.error(), r);
  json::object body{{"rows", outcome->rows},
                    {"valid", outcome->valid},
                    {"imported", outcome->imported},
                    {"errors", import_errors_json(outcome->errors)}};
  if (!options.dry_run && !options.skip_invalid && !outcome->errors.empty()) {
    const auto& first = outcome->errors.front();
    return error_response(
        Error{ErrorCode::kInvalidArgument,
              std::to_string(outcome->errors.size()) + " row(s) have problems (first: row " +
                  std::to_string(first.row) + ", " + (first.column.empty() ? "" : first.column + ": ") +
                  first.message + "); nothing was imported",
              first.column.empty() ? "file" : first.column, ""},
        r, std::move(body));
  }
  return json_response(body, outcome->imported > 0 ? 201 : 200);
}

}  // namespace

void add_assessment_routes(Router& router, const ApiContext& ctx) {
  router.add(
      {"GET", "/api/v1/frameworks", [&ctx](const Request& r) {
         if (auto ok = check_query_names(r, {}); !ok) return error_response(ok.error(), r);
         json::array items;
         for (const auto* f : ctx.frameworks.latest_all()) items.push_back(framework_summary(ctx, *f));
         const auto total = items.size();
         return json_response(json::object{{"items", std::move(items)}, {"total", total}, {"next", nullptr}});
       }});
  router.add({"GET", "/api/v1/frameworks/{id}", [&ctx](const Request& r) {
                static constexpr std::string_view kKnown[] = {"version"};
                if (auto ok = check_query_names(r, {kKnown}); !ok) return error_response(ok.error(), r);
                auto version = version_param(r, "version");
                if (!version) return error_response(version.error(), r);
                const std::string code(r.path_param("id"));
                const auto* f = *version ? ctx.frameworks.get(code, **version) : ctx.frameworks.latest(code);
                if (f == nullptr)
                  return error_response(Error{ErrorCode::kNotFound, "No such framework", "", ""}, r);
                json::object out = assessment::framework_to_json(*f);
                out["id"] = f->code;
                out["versions"] = versions_json(ctx, f->code);
                return json_response(out);
              }});

  router.add({"GET", "/api/v1/frameworks/{id}/template", [&ctx](const Request& r) {
                static constexpr std::string_view kKnown[] = {"format"};
                if (auto ok = check_query_names(r, {kKnown}); !ok) return error_response(ok.error(), r);
                auto format = table_format_param(r);
                if (!format) return error_response(format.error(), r);
                const auto* f = ctx.frameworks.latest(r.path_param("id"));
                if (f == nullptr)
                  return error_response(Error{ErrorCode::kNotFound, "No such framework", "", ""}, r);
                return table_download(assessment::assessment_template(*f), *format,
                                      f->code + "-" + std::to_string(f->version) + "-template",
                                      ctx.scratch_dir, r);
              }});
  Route import{"POST", "/api/v1/assessments/import",
               [&ctx](const Request& r) { return import_assessments(ctx, r); }};
  import.body_limit = ctx.assessment_import_body_limit_bytes;
  router.add(std::move(import));
  router.add({"POST", "/api/v1/assessments", [&ctx](const Request& r) {
                auto who = authenticate(r, ctx.accounts, &ctx.write_limiter);
                if (!who) return error_response(who.error(), r);
                auto body = parse_json_object_body(r);
                if (!body) return error_response(body.error(), r);
                if (auto ok = check_members(*body, {{"framework", JsonKind::kString, true},
                                                    {"industry", JsonKind::kString},
                                                    {"size", JsonKind::kString},
                                                    {"place", JsonKind::kString, true},
                                                    {"answers", JsonKind::kObject, true},
                                                    {"submit", JsonKind::kBool}});
                    !ok)
                  return error_response(ok.error(), r);
                assessment::AssessmentInput in;
                in.framework = string_member(*body, "framework");
                in.industry = string_member(*body, "industry");
                in.size = string_member(*body, "size");
                in.place = string_member(*body, "place");
                in.answers = body->at("answers").as_object();
                in.submit = body->contains("submit") && body->at("submit").as_bool();
                auto created = ctx.assessments.create(*who, in, origin_of(r, &*who));
                if (!created) return error_response(created.error(), r);
                return json_response(*created, 201);
              }});
  router.add({"GET", "/api/v1/assessments",
              [&ctx](const Request& r) { return assessment_list(ctx, r, &assessment::Assessments::mine); }});
  router.add({"GET", "/api/v1/assessments/review-queue", [&ctx](const Request& r) {
                return assessment_list(ctx, r, &assessment::Assessments::review_queue);
              }});
  router.add({"GET", "/api/v1/assessments/{id}", [&ctx](const Request& r) {
                static constexpr std::string_view kKnown[] = {"rescore"};
                if (auto ok = check_query_names(r, {kKnown}); !ok) return error_response(ok.error(), r);
                auto who = authenticate(r, ctx.accounts);
                if (!who) return error_response(who.error(), r);
                auto rescore = version_param(r, "rescore");
                if (!rescore) return error_response(rescore.error(), r);
                auto view = ctx.assessments.get(*who, std::string(r.path_param("id")), *rescore);
                if (!view) return error_response(view.error(), r);
                return json_response(*view);
              }});
  router.add({"GET", "/api/v1/assessments/{id}/report.pdf", [&ctx](const Request& r) {
                if (auto ok = check_query_names(r, {}); !ok) return error_response(ok.error(), r);
                auto who = authenticate(r, ctx.accounts);
                if (!who) return error_response(who.error(), r);
                const std::string id(r.path_param("id"));
                auto pdf = ctx.assessments.report_pdf(*who, id);
                if (!pdf) return error_response(pdf.error(), r);
                Response res;
                res.status = 200;
                res.content_type = "application/pdf";
                res.headers.emplace_back("Content-Disposition",
                                         "attachment; filename=\"danh-gia-" + id + ".pdf\"");
                res.body = std::move(*pdf);
                return res;
              }});
  Route evidence{"PUT", "/api/v1/assessments/{id}/evidence/{item}", [&ctx](const Request& r) {
                   auto who = authenticate(r, ctx.accounts, &ctx.write_limiter);
                   if (!who) return error_response(who.error(), r);
                   auto view = ctx.assessments.attach_evidence(*who, std::string(r.path_param("id")),
                                                               std::string(r.path_param("item")), r.body,
                                                               origin_of(r, &*who));
                   if (!view) return error_response(view.error(), r);
                   return json_response(*view);
                 }};
  evidence.body_limit = ctx.upload_limit_bytes;
  router.add(std::move(evidence));
  router.add({"GET", "/api/v1/assessments/{id}/evidence/{item}", [&ctx](const Request& r) {
                if (auto ok = check_query_names(r, {}); !ok) return error_response(ok.error(), r);
                auto who = authenticate(r, ctx.accounts);
                if (!who) return error_response(who.error(), r);
                auto file = ctx.assessments.evidence(*who, std::string(r.path_param("id")),
                                                     std::string(r.path_param("item")));
                if (!file) return error_response(file.error(), r);
                Response res;
                res.content_type = file->content_type;
                res.file = file->location;
                res.headers.emplace_back("Cache-Control", "private, no-store");
                return res;
              }});
  router.add({"PUT", "/api/v1/assessments/{id}", [&ctx](const Request& r) {
                auto who = authenticate(r, ctx.accounts, &ctx.write_limiter);
                if (!who) return error_response(who.error(), r);
                auto body = parse_json_object_body(r);
                if (!body) return error_response(body.error(), r);
                if (auto ok = check_members(
                        *body, {{"answers", JsonKind::kObject, true}, {"submit", JsonKind::kBool}});
                    !ok)
                  return error_response(ok.error(), r);
                const bool submit = body->contains("submit") && body->at("submit").as_bool();
                auto view =
                    ctx.assessments.update(*who, std::string(r.path_param("id")),
                                           body->at("answers").as_object(), submit, origin_of(r, &*who));
                if (!view) return error_response(view.error(), r);
                return json_response(*view);
              }});
  router.add(
      {"POST", "/api/v1/assessments/{id}/review", [&ctx](const Request& r) {
         auto who = authenticate(r, ctx.accounts, &ctx.write_limiter);
         if (!who) return error_response(who.error(), r);
         auto body = parse_json_object_body(r);
         if (!body) return error_response(body.error(), r);
         if (auto ok = check_members(*body, {{"answers", JsonKind::kObject}, {"note", JsonKind::kString}});
             !ok)
           return error_response(ok.error(), r);
         assessment::ReviewInput in;
         if (body->contains("answers")) in.answers = body->at("answers").as_object();
         in.note = string_member(*body, "note");
         auto view = ctx.assessments.review(*who, std::string(r.path_param("id")), in, origin_of(r, &*who));
         if (!view) return error_response(view.error(), r);
         return json_response(*view);
       }});

  router.add({"GET", "/api/v1/dx-programme", [&ctx](const Request& r) {
                if (auto ok = check_query_names(r, {}); !ok) return error_response(ok.error(), r);
                const auto& p = ctx.programme;
                json::array rules;
                for (const auto& rule : p.support_rules)
                  rules.push_back(json::object{{"sizes", json::value_from(rule.sizes)},
                                               {"share", rule.share},
                                               {"cap_vnd", rule.cap_vnd}});
                json::object targets;
                for (const auto& [level, count] : p.targets) targets[level] = count;
                return json_response(json::object{
                    {"solution_procedure", p.solution_procedure},
                    {"support_procedure", p.support_procedure},
                    {"industries", words_json(p.industries)},
                    {"categories", words_json(p.categories)},
                    {"support", json::object{{"framework", p.support_framework},
                                             {"assessment_max_age_days", p.assessment_max_age_days},
                                             {"rules", std::move(rules)}}},
                    {"targets_2030",
                     json::object{{"framework", p.targets_framework}, {"levels", std::move(targets)}}},
                    {"notes", text_json(p.notes)}});
              }});
  router.add(
      {"GET", "/api/v1/solutions", [&ctx](const Request& r) {
         static constexpr std::string_view kKnown[] = {"industry", "category", "q"};
         if (auto ok = check_query_names(r, {kKnown, kPagingParams}); !ok)
           return error_response(ok.error(), r);
         auto page = parse_page_request(r);
         if (!page) return error_response(page.error(), r);
         assessment::SolutionFilter filter{std::string(r.query_param("industry").value_or("")),
                                           std::string(r.query_param("category").value_or("")),
                                           std::string(r.query_param("q").value_or(""))};
         if (!filter.industry.empty() && !ctx.programme.industries.contains(filter.industry))
           return error_response(Error{ErrorCode::kInvalidArgument, "Unknown industry", "industry", ""}, r);
         if (!filter.category.empty() && !ctx.programme.categories.contains(filter.category))
           return error_response(Error{ErrorCode::kInvalidArgument, "Unknown category", "category", ""}, r);
         auto found = ctx.solutions.search(filter);
         if (!found) return error_response(found.error(), r);
         // The list is ordered by (name, code); the cursor is the position after the last one sent.
         std::size_t from = 0;
         if (!page->after.empty()) {
           if (page->after.find_first_not_of("0123456789") != std::string::npos || page->after.size() > 9)
             return error_response(Error{ErrorCode::kInvalidArgument, "cursor is not valid", "cursor", ""},
                                   r);
           from = std::stoul(page->after);
         }
         json::array items;
         const std::size_t to = std::min(found->size(), from + static_cast<std::size_t>(page->limit));
         for (std::size_t i = from; i < to; ++i) items.push_back(ctx.solutions.to_json((*found)[i]));
         return json_response(
             json::object{{"items", std::move(items)},
                          {"total", found->size()},
                          {"next", to < found->size() ? json::value(encode_cursor(std::to_string(to)))
                                                      : json::value(nullptr)}});
       }});
  router.add(
      {"GET", "/api/v1/solutions/{id}", [&ctx](const Request& r) {
         if (auto ok = check_query_names(r, {}); !ok) return error_response(ok.error(), r);
         auto found = ctx.solutions.get(std::string(r.path_param("id")));
         if (!found) return error_response(found.error(), r);
         if (!*found)
           return error_response(Error{ErrorCode::kNotFound, "No approved solution with this id", "", ""}, r);
         return json_response(ctx.solutions.to_json(**found));
       }});
  router.add({"GET", "/api/v1/support-applications/{code}", [&ctx](const Request& r) {
                if (auto ok = check_query_names(r, {}); !ok) return error_response(ok.error(), r);
                auto who = authenticate(r, ctx.accounts);
                if (!who) return error_response(who.error(), r);
                const std::string code(r.path_param("code"));
                // Whoever may read the dossier may read what the programme's rule made of it.
                auto dossier = ctx.dossiers.reads.get(*who, code, origin_of(r, &*who));
                if (!dossier) return error_response(dossier.error(), r);
                auto support = ctx.support.get(code);
                if (!support) return error_response(support.error(), r);
                (*support)["status"] = dossier->at("status");
                return json_response(*support);
              }});
  router.add({"POST", "/api/v1/support-applications/{code}/payment", [&ctx](const Request& r) {
                auto who = authenticate(r, ctx.accounts, &ctx.write_limiter);
                if (!who) return error_response(who.error(), r);
                auto body = parse_json_object_body(r);
                if (!body) return error_response(body.error(), r);
                if (auto ok = check_members(*body, {{"reference", JsonKind::kString, true},
                                                    {"amount_vnd", JsonKind::kInteger, true}});
                    !ok)
                  return error_response(ok.error(), r);
                const std::string code(r.path_param("code"));
                if (auto dossier = ctx.dossiers.reads.status_of(*who, code); !dossier)
                  return error_response(dossier.error(), r);
                auto paid = ctx.support.record_payment(
                    *who, code, {string_member(*body, "reference"), body->at("amount_vnd").as_int64()},
                    origin_of(r, &*who));
                if (!paid) return error_response(paid.error(), r);
                return json_response(*paid);
              }});

  router.add(
      {"GET", "/api/v1/assessment-stats", [&ctx](const Request& r) {
         static constexpr std::string_view kKnown[] = {"framework", "place", "by"};
         if (auto ok = check_query_names(r, {kKnown}); !ok) return error_response(ok.error(), r);
         auto who = authenticate(r, ctx.accounts);
         if (!who) return error_response(who.error(), r);
         const std::string place_code(r.query_param("place").value_or("VN"));
         auto place = ctx.places.get(place_code);
         if (!place)
           return error_response(Error{ErrorCode::kInvalidArgument, "No place with this code", "place", ""},
                                 r);
         if (auto ok = ctx.authorizer.authorize(*who, identity::Action::kReadAssessmentStats, {place_code});
             !ok)
           return error_response(ok.error(), r);
         const std::string by_text(r.query_param("by").value_or("level"));
         static constexpr std::pair<std::string_view, assessment::GroupBy> kBy[] = {
             {"industry", assessment::GroupBy::kIndustry},
             {"size", assessment::GroupBy::kSize},
             {"level", assessment::GroupBy::kLevel},
             {"province", assessment::GroupBy::kProvince}};
         const auto* by =
             std::find_if(std::begin(kBy), std::end(kBy), [&](const auto& b) { return b.first == by_text; });
         if (by == std::end(kBy))
           return error_response(
               Error{ErrorCode::kInvalidArgument, "by must be industry, size, level or province", "by", ""},
               r);
         assessment::AggregateFilter filter;
         filter.framework = std::string(r.query_param("framework").value_or(""));
         if (place->level == "province") filter.province = place->code;
         if (place->level == "commune") filter.place = place->code;
         auto rows = ctx.aggregates.group(filter, by->second);
         if (!rows) return error_response(rows.error(), r);
         json::array items;
         for (const auto& row : *rows) {
           json::object levels;
           for (const auto& [level, n] : row.by_level) levels[level] = n;
           items.push_back(json::object{{"key", row.key},
                                        {"subjects", row.subjects},
                                        {"mean_score", std::round(row.mean_score * 100) / 100},
                                        {"by_level", std::move(levels)}});
         }
         json::object out{{"framework", filter.framework},
                          {"place", place_code},
                          {"by", by_text},
                          {"items", std::move(items)}};
         if (filter.framework == ctx.programme.targets_framework && place_code == "VN") {
           auto progress = ctx.aggregates.progress_to_2030();
           if (!progress) return error_response(progress.error(), r);
           out["progress_2030"] = std::move(*progress);
         }
         return json_response(out);
       }});
  router.add({"GET", "/api/v1/service-index", [&ctx](const Request& r) {
                static constexpr std::string_view kKnown[] = {"agency", "place", "from", "to"};
                if (auto ok = check_query_names(r, {kKnown}); !ok) return error_response(ok.error(), r);
                services::ServiceScope scope;
                const auto agency = r.query_param("agency");
                const auto place_code = r.query_param("place");
                if (agency && place_code)
                  return error_response(
                      Error{ErrorCode::kInvalidArgument, "Give agency or place, not both", "place", ""}, r);
                if (agency) {
                  auto a = ctx.places.get_agency(std::string(*agency));
                  if (!a)
                    return error_response(
                        Error{ErrorCode::kInvalidArgument, "No agency with this code", "agency", ""}, r);
                  scope = {services::ServiceScope::Kind::kAgency, a->code};
                } else if (place_code && *place_code != "VN") {
                  auto p = ctx.places.get(std::string(*place_code));
                  if (!p)
                    return error_response(
                        Error{ErrorCode::kInvalidArgument, "No place with this code", "place", ""}, r);
                  scope = {p->level == "province" ? services::ServiceScope::Kind::kProvince
                                                  : services::ServiceScope::Kind::kCommune,
                           p->code};
                }
                auto from = day_param(r, "from");
                if (!from) return error_response(from.error(), r);
                auto to = day_param(r, "to");
                if (!to) return error_response(to.error(), r);
                // By default the year to date, in Vietnam's calendar; `to` is inclusive.
                const auto today = vietnam_civil_time(ctx.clock.now()).date;
                const auto first = from->value_or(today.year() / std::chrono::January / 1);
                const auto last = to->value_or(today);
                if (last < first)
                  return error_response(Error{ErrorCode::kInvalidArgument, "to is before from", "to", ""}, r);
                const auto day_start = [](std::chrono::year_month_day d) {
                  return format_rfc3339(std::chrono::sys_days(d) - std::chrono::hours(7));
                };
                auto index = ctx.service_index.compute(
                    scope, day_start(first), day_start(std::chrono::sys_days(last) + std::chrono::days(1)));
                if (!index) return error_response(index.error(), r);
                (*index)["scope"] = json::object{
                    {"kind", agency                                                ? "agency"
                             : scope.kind == services::ServiceScope::Kind::kNation ? "nation"
                                                                                   : "place"},
                    {"code", scope.kind == services::ServiceScope::Kind::kNation ? "VN" : scope.code}};
                return json_response(*index);
              }});
}

}  // namespace sen::http
