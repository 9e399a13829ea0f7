// The data brain: indicators and their definitions (public), the analytics query (published
// indicators for everyone, the others for officials of the place), targets, alerts and the import of
// statistics.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "analytics/query.hpp"
#include "core/json_parse.hpp"
#include "core/json_text.hpp"
#include "http/api.hpp"
#include "http/api_support.hpp"
#include "http/authentication.hpp"
#include "http/table_export.hpp"
#include "tables/csv.hpp"
#include "tables/xlsx_reader.hpp"

namespace sen::http {
namespace {

namespace json = boost::json;
using analytics::Node;

json::object text_json(const analytics::Text& t) { return json::object{{"vi", t.vi}, {"en", t.en}}; }

json::value number_or_null(std::optional<double> v) { return v ? json_number(*v) : json::value(nullptr); }

// The caller when the request carries a session or token; none for anonymous readers.
Result<std::optional<identity::Principal>> optional_caller(const ApiContext& ctx, const Request& r) {
  if (!r.header("authorization") && !cookie_value(r, kSessionCookie))
    return std::optional<identity::Principal>();
  auto who = authenticate(r, ctx.accounts);
  if (!who) return tl::unexpected(who.error());
  return std::optional<identity::Principal>(std::move(*who));
}

// The place of the caller's own agency, for officials whose roles are on an agency.
std::string agency_place(const ApiContext& ctx, const identity::Principal& who) {
  if (who.agency_code.empty()) return "";
  auto agency = ctx.places.get_agency(who.agency_code);
  return agency ? agency->place_code : "";
}

Status may_read(const ApiContext& ctx, const identity::Principal& who, const std::string& place) {
  identity::Target t;
  t.place_code = place;
  t.scope_place = agency_place(ctx, who);
  return ctx.authorizer.authorize(who, identity::Action::kReadAnalytics, t);
}

// Where an official's figures start when no place is asked for: the nation, else their first place.
std::string home_place(const ApiContext& ctx, const identity::Principal& who) {
  if (may_read(ctx, who, "VN")) return "VN";
  for (const auto& g : who.roles)
    if (g.scope_kind == "place" && may_read(ctx, who, g.scope_code)) return g.scope_code;
  return agency_place(ctx, who);
}

json::array target_list(const ApiContext& ctx, const std::string& indicator) {
  json::array out;
  for (const auto& t : ctx.brain.targets().list(indicator))
    out.push_back(
        json::object{{"indicator", t.indicator},
                     {"place", t.place},
                     {"baseline", json::object{{"period", analytics::month_period(t.baseline_month).id()},
                                               {"value", json_number(t.baseline)}}},
                     {"target", json::object{{"period", analytics::month_period(t.due_month).id()},
                                             {"value", json_number(t.value)}}},
                     {"at_risk_margin", json_number(t.at_risk_margin)},
                     {"note", t.note}});
  return out;
}

json::object indicator_json(const ApiContext& ctx, const analytics::Indicator& i) {
  const auto& meta = ctx.brain.metadata();
  json::array dims, elements;
  for (auto d : i.dimensions) dims.push_back(json::string(analytics::name(d)));
  std::vector<std::string> seen;
  for (const auto* side : {&i.numerator, &i.denominator})
    for (const auto& t : *side) {
      if (std::find(seen.begin(), seen.end(), t.element) != seen.end()) continue;
      seen.push_back(t.element);
      const auto* e = meta.element(t.element);
      elements.push_back(json::object{{"id", e->id},
                                      {"name", text_json(e->name)},
                                      {"definition", text_json(e->definition)},
                                      {"source", analytics::name(e->source)},
                                      {"aggregation", analytics::name(e->aggregation)},
                                      {"unit", e->unit}});
    }
  return json::object{{"id", i.id},
                      {"name", text_json(i.name)},
                      {"definition", text_json(i.definition)},
                      {"numerator", analytics::expression_text(i.numerator)},
                      {"denominator", i.is_ratio() ? json::value(analytics::expression_text(i.denominator))
                                                   : json::value(nullptr)},
                      {"factor", json_number(i.factor)},
                      {"unit", i.unit},
                      {"higher_is_better", i.higher_is_better},
                      {"published", i.published},
                      {"group", i.group},
                      {"dimensions", std::move(dims)},
                      {"data_elements", std::move(elements)},
                      {"targets", target_list(ctx, i.id)}};
}

Result<std::vector<const analytics::Indicator*>> visible_indicators(const ApiContext& ctx, const Request& r) {
  auto who = optional_caller(ctx, r);
  if (!who) return tl::unexpected(who.error());
  std::vector<const analytics::Indicator*> out;
  const bool official = *who && (*who)->kind == "official" && !home_place(ctx, **who).empty();
  for (const auto& i : ctx.brain.metadata().indicators)
    if (i.published || official) out.push_back(&i);
  return out;
}

tables::Table rows_table(const ApiContext& ctx, const std::vector<analytics::QueryRow>& rows, bool by,
                         Language lang) {
  const auto& tree = ctx.brain.tree();
  const auto w = [lang](std::string_view vi, std::string_view en) {
    return std::string(in_language(lang, vi, en));
  };
  tables::Table t;
  t.title = w("Chỉ số", "Indicators");
  t.headers = {w("Chỉ số", "Indicator"), w("Mã địa bàn", "Place code"), w("Địa bàn", "Place"),
               w("Kỳ", "Period")};
  if (by) t.headers.push_back(w("Phân tổ", "Category"));
  for (auto h : {w("Giá trị", "Value"), w("Tử số", "Numerator"), w("Mẫu số", "Denominator"),
                 w("Lộ trình mục tiêu", "Target path"), w("Tình trạng", "Status"),
                 w("Quy đổi từ đơn vị cũ", "Mapped from former units")})
    t.headers.push_back(h);
  const auto number = [](std::optional<double> v) { return v ? tables::Cell(*v) : tables::Cell(); };
  for (const auto& row : rows) {
    std::vector<tables::Cell> cells = {
        lang == Language::kEnglish ? row.indicator->name.en : row.indicator->name.vi, tree.code(row.place),
        tree.name(row.place), row.period.id()};
    if (by) cells.emplace_back(row.cell.category);
    cells.push_back(number(row.cell.value));
    cells.push_back(number(row.cell.numerator));
    cells.push_back(number(row.cell.denominator));
    cells.push_back(number(row.expected));
    std::string status;
    if (row.status) {
      switch (*row.status) {
        case analytics::TrackStatus::kOnTrack:
          status = w("Đúng lộ trình", "On track");
          break;
        case analytics::TrackStatus::kAtRisk:
          status = w("Có nguy cơ chậm", "At risk");
          break;
        case analytics::TrackStatus::kOffTrack:
          status = w("Chệch lộ trình", "Off track");
          break;
      }
    }
    cells.emplace_back(status);
    cells.emplace_back(row.cell.mapped ? w("Có", "Yes") : std::string());
    t.rows.push_back(std::move(cells));
  }
  return t;
}

Response analytics_query(const ApiContext& ctx, const Request& r) {
  static constexpr std::string_view kKnown[] = {"indicator", "place", "level", "period", "by", "filter"};
  if (auto ok = check_query_names(r, {kKnown, kExportParams}); !ok) return error_response(ok.error(), r);
  auto who = optional_caller(ctx, r);
  if (!who) return error_response(who.error(), r);
  const auto param = [&](std::string_view k) { return std::string(r.query_param(k).value_or("")); };
  const analytics::QueryText text{param("indicator"), param("place"), param("level"),
                                  param("period"),    param("by"),    param("filter")};
  auto q = analytics::parse_query(text, ctx.brain.engine(), analytics::current_month(ctx.clock),
                                  static_cast<std::size_t>(ctx.brain.config().query_max_cells));
  if (!q) return error_response(q.error(), r);
  const auto& tree = ctx.brain.tree();
  for (const auto* ind : q->indicators) {
    if (ind->published) continue;
    if (!*who)
      return error_response(Error{ErrorCode::kUnauthenticated, "Sign in to read " + ind->id, "indicator", ""},
                            r);
    for (Node n : q->places)
      if (auto ok = may_read(ctx, **who, tree.code(n)); !ok) return error_response(ok.error(), r);
  }
  const auto rows = analytics::run_query(*q, ctx.brain.engine(), ctx.brain.targets());
  const bool csv = r.header("accept").value_or("").starts_with("text/csv");
  if (r.query_param("format") || csv) {
    auto format =
        csv && !r.query_param("format") ? Result<TableFormat>(TableFormat::kCsv) : table_format_param(r);
    if (!format) return error_response(format.error(), r);
    auto lang = language_param(r);
    if (!lang) return error_response(lang.error(), r);
    return table_download(rows_table(ctx, rows, q->by.has_value(), *lang), *format, "sen-analytics",
                          ctx.scratch_dir, r);
  }
  json::array out;
  bool mapped = false;
  for (const auto& row : rows) {
    json::object o{{"indicator", row.indicator->id},
                   {"place", tree.code(row.place)},
                   {"place_name", tree.name(row.place)},
                   {"level", analytics::name(tree.level(row.place))},
                   {"period", row.period.id()},
                   {"value", number_or_null(row.cell.value)},
                   {"numerator", number_or_null(row.cell.numerator)},
                   {"denominator", number_or_null(row.cell.denominator)},
                   {"mapped", row.cell.mapped}};
    if (q->by) o["category"] = row.cell.category;
    if (row.expected) o["expected"] = json_number(*row.expected);
    o["status"] = row.status ? json::value(analytics::name(*row.status)) : json::value(nullptr);
    mapped = mapped || row.cell.mapped;
    out.push_back(std::move(o));
  }
  json::object body{{"rows", std::move(out)}};
  if (mapped)
    body["mapping"] =
        "Figures marked mapped include values reported on units before 1 July 2025, placed on today's units "
        "through "
        "the pack's old-to-new mapping; a divided commune's figures count in its province only.";
  return json_response(body);
}

json::object alert_json(const ApiContext& ctx, const analytics::Alert& a) {
  const analytics::AlertRule* rule = nullptr;
  for (const auto& x : ctx.brain.metadata().rules)
    if (x.id == a.rule) rule = &x;
  const auto node = ctx.brain.tree().find(a.place_code);
  return json::object{{"id", a.id},
                      {"rule", a.rule},
                      {"name", rule ? json::value(text_json(rule->name)) : json::value(nullptr)},
                      {"kind", rule ? json::value(analytics::name(rule->kind)) : json::value(nullptr)},
                      {"indicator", a.indicator},
                      {"place", a.place_code},
                      {"place_name", node ? ctx.brain.tree().name(*node) : a.place_code},
                      {"period", a.period},
                      {"severity", analytics::name(a.severity)},
                      {"state", analytics::name(a.state)},
                      {"value", number_or_null(a.value)},
                      {"expected", number_or_null(a.expected)},
                      {"detail", parse_json(a.detail.empty() ? "{}" : a.detail)},
                      {"raised_at", a.raised_at},
                      {"updated_at", a.updated_at},
                      {"comment", a.comment}};
}

Response list_alerts(const ApiContext& ctx, const Request& r) {
  static constexpr std::string_view kKnown[] = {"place", "state", "rule"};
  if (auto ok = check_query_names(r, {kKnown, kPagingParams}); !ok) return error_response(ok.error(), r);
  auto who = authenticate(r, ctx.accounts);
  if (!who) return error_response(who.error(), r);
  std::string place(r.query_param("place").value_or(""));
  if (place.empty()) place = home_place(ctx, *who);
  if (place.empty() || !ctx.brain.tree().find(place))
    return error_response(Error{ErrorCode::kInvalidArgument, "place must be a place code", "place", ""}, r);
  if (auto ok = may_read(ctx, *who, place); !ok) return error_response(ok.error(), r);
  analytics::AlertFilter filter{place, std::nullopt, std::string(r.query_param("rule").value_or(""))};
  if (auto s = r.query_param("state")) {
    filter.state = analytics::alert_state_named(*s);
    if (!filter.state)
      return error_response(
          Error{ErrorCode::kInvalidArgument, "state must be open, acknowledged or resolved", "state", ""}, r);
  }
  auto page = parse_page_request(r);
  if (!page) return error_response(page.error(), r);
  // A commune's alerts are listed under its own code; a province's under its code and its communes'.
  if (ctx.brain.tree().level(*ctx.brain.tree().find(place)) == analytics::Level::kNation) filter.place = "";
  auto rows = ctx.brain.alerts().list(filter, *page);
  if (!rows) return error_response(rows.error(), r);
  json::array items;
  for (const auto& row : rows->rows) {
    items.push_back(alert_json(ctx, analytics::alert_from_row(row)));
  }
  return json_response(json::object{
      {"items", std::move(items)},
      {"total", rows->total},
      {"next", rows->next_after ? json::value(encode_cursor(*rows->next_after)) : json::value(nullptr)}});
}

Response change_alert(const ApiContext& ctx, const Request& r, analytics::AlertState to) {
  auto who = authenticate(r, ctx.accounts, &ctx.write_limiter);
  if (!who) return error_response(who.error(), r);
  auto body = parse_json_object_body(r);
  if (!body) return error_response(body.error(), r);
  if (auto ok =
          check_members(*body, {{"comment", JsonKind::kString, to == analytics::AlertState::kResolved}});
      !ok)
    return error_response(ok.error(), r);
  const std::string comment = string_member(*body, "comment");
  if (comment.size() > 2000)
    return error_response(
        Error{ErrorCode::kInvalidArgument, "comment must be at most 2000 bytes", "comment", ""}, r);
  if (to == analytics::AlertState::kResolved && comment.empty())
    return error_response(Error{ErrorCode::kInvalidArgument, "Say how the alert was resolved", "comment", ""},
                          r);
  const std::string id(r.path_param("id"));
  auto alert = ctx.brain.alerts().get(id);
  // An alert outside the caller's places is as good as absent.
  if (!alert || !may_read(ctx, *who, alert->place_code))
    return error_response(Error{ErrorCode::kNotFound, "No alert with this id", "id", ""}, r);
  if (auto ok = ctx.authorizer.authorize(*who, identity::Action::kManageAlerts, {alert->place_code}); !ok)
    return error_response(ok.error(), r);
  auto changed = ctx.brain.alerts().change(id, to, comment, who->account_id);
  if (!changed) return error_response(changed.error(), r);
  return json_response(json::object{{"id", changed->id},
                                    {"state", analytics::name(changed->state)},
                                    {"comment", changed->comment},
                                    {"updated_at", changed->updated_at}});
}

// A statistics file as records: CSV or XLSX as sent, or JSON {"values": [{element, place, period, value}]}.
Result<tables::Records> statistics_records(const ApiContext& ctx, const Request& r) {
  const auto type = r.header("content-type").value_or("");
  if (type.starts_with("application/json")) {
    auto body = parse_json_object_body(r);
    if (!body) return tl::unexpected(body.error());
    if (auto ok = check_members(*body, {{"values", JsonKind::kAny, true}}); !ok)
      return tl::unexpected(ok.error());
    const auto& values = body->at("values");
    if (!values.is_array()) return fail(ErrorCode::kInvalidArgument, "values must be an array", "values");
    tables::Records out{{"element", "place", "period", "value"}};
    for (std::size_t i = 0; i < values.as_array().size(); ++i) {
      const auto& v = values.as_array()[i];
      const std::string field = fmt::format("values[{}]", i);
      if (!v.is_object()) return fail(ErrorCode::kInvalidArgument, field + " must be an object", field);
      const auto& o = v.as_object();
      std::vector<std::string> row;
      for (const char* key : {"element", "place", "period"}) {
        const auto* x = o.if_contains(key);
        if (x == nullptr || !x->is_string())
          return fail(ErrorCode::kInvalidArgument, fmt::format("{}.{} must be a string", field, key),
                      fmt::format("{}.{}", field, key));
        row.emplace_back(x->as_string());
      }
      const auto* x = o.if_contains("value");
      if (x == nullptr || !x->is_number())
        return fail(ErrorCode::kInvalidArgument, field + ".value must be a number", field + ".value");
      row.push_back(json::serialize(*x));
      if (o.size() != 4)
        return fail(ErrorCode::kInvalidArgument,
                    field + " has members other than element, place, period and value", field);
      out.push_back(std::move(row));
    }
    return out;
  }
  if (!type.starts_with("text/csv") && !type.starts_with(kXlsxMediaType))
    return fail(ErrorCode::kUnsupportedMediaType,
                "Send the values as application/json, text/csv or " + std::string(kXlsxMediaType),
                "content-type");
  return spreadsheet_records(r, ctx.import_max_unpacked_bytes);
}

Response import_statistics(const ApiContext& ctx, const Request& r) {
  static constexpr std::string_view kKnown[] = {"dry_run", "units"};
  if (auto ok = check_query_names(r, {kKnown}); !ok) return error_response(ok.error(), r);
  auto who = authenticate(r, ctx.accounts, &ctx.write_limiter);
  if (!who) return error_response(who.error(), r);
  if (who->kind != "official")
    return error_response(Error{ErrorCode::kForbidden, "Only officials import statistics", "", ""}, r);
  auto dry_run = flag_param(r, "dry_run");
  if (!dry_run) return error_response(dry_run.error(), r);
  const auto units = r.query_param("units").value_or("current");
  if (units != "current" && units != "pre_2025")
    return error_response(
        Error{ErrorCode::kInvalidArgument, "units must be current or pre_2025", "units", ""}, r);
  auto records = statistics_records(ctx, r);
  if (!records) return error_response(records.error(), r);
  analytics::StatisticsImportOptions options;
  options.dry_run = *dry_run;
  options.pre_2025_units = units == "pre_2025";
  options.max_rows = static_cast<std::size_t>(ctx.brain.config().import_max_rows);
  options.may_import_at = [&](const std::string& place) {
    return ctx.authorizer.authorize(*who, identity::Action::kImportStatistics, {place}).has_value();
  };
  auto outcome = ctx.brain.statistics_import().run(*records, options, who->account_id);
  if (!outcome) return error_response(outcome.error(), r);
  json::array errors;
  for (const auto& e : outcome->errors)
    errors.push_back(json::object{{"row", e.row}, {"column", e.column}, {"message", e.message}});
  json::object body{{"rows", outcome->rows},
                    {"mapped", outcome->mapped},
                    {"dry_run", *dry_run},
                    {"written", outcome->written},
                    {"import_id", outcome->written ? json::value(outcome->import_id) : json::value(nullptr)},
                    {"errors", std::move(errors)}};
  if (!outcome->errors.empty()) {
    body["type"] = "about:blank";
    body["title"] = "Bad Request";
    body["status"] = 400;
    body["detail"] = "Nothing was imported: correct the rows listed in errors";
    body["field"] = "file";
    Response out = json_response(body, 400);
    out.content_type = "application/problem+json";
    return out;
  }
  return json_response(body, outcome->written ? 201 : 200);
}

Response set_target(const ApiContext& ctx, const Request& r) {
  auto who = authenticate(r, ctx.accounts, &ctx.write_limiter);
  if (!who) return error_response(who.error(), r);
  auto body = parse_json_object_body(r);
  if (!body) return error_response(body.error(), r);
  if (auto ok = check_members(*body, {{"indicator", JsonKind::kString, true},
                                      {"place", JsonKind::kString, true},
                                      {"baseline", JsonKind::kObject, true},
                                      {"target", JsonKind::kObject, true},
                                      {"at_risk_margin", JsonKind::kAny, false},
                                      {"note", JsonKind::kString, false}});
      !ok)
    return error_response(ok.error(), r);
  analytics::Target t;
  t.indicator = string_member(*body, "indicator");
  if (ctx.brain.metadata().indicator(t.indicator) == nullptr)
    return error_response(Error{ErrorCode::kInvalidArgument, "indicator: no such indicator", "indicator", ""},
                          r);
  t.place = string_member(*body, "place");
  const auto node = ctx.brain.tree().find(t.place);
  if (!node || ctx.brain.tree().level(*node) == analytics::Level::kCommune)
    return error_response(Error{ErrorCode::kInvalidArgument, "place must be VN or a province", "place", ""},
                          r);
  if (auto ok = ctx.authorizer.authorize(*who, identity::Action::kSetTarget, {t.place}); !ok)
    return error_response(ok.error(), r);
  for (auto [key, month, value] : {std::tuple{"baseline", &t.baseline_month, &t.baseline},
                                   std::tuple{"target", &t.due_month, &t.value}}) {
    const auto& o = body->at(key).as_object();
    if (auto ok = check_members(o, {{"period", JsonKind::kString, true}, {"value", JsonKind::kAny, true}});
        !ok)
      return error_response(Error{ErrorCode::kInvalidArgument, std::string(key) + "." + ok.error().message,
                                  std::string(key) + "." + ok.error().field, ""},
                            r);
    auto p = analytics::parse_periods(string_member(o, "period"), analytics::month_of(2100, 1),
                                      std::string(key) + ".period");
    if (!p || p->size() != 1 || p->front().type == analytics::PeriodType::kYearToDate)
      return error_response(
          Error{ErrorCode::kInvalidArgument, std::string(key) + ".period must be a month, quarter or year",
                std::string(key) + ".period", ""},
          r);
    if (!o.at("value").is_number())
      return error_response(Error{ErrorCode::kInvalidArgument, std::string(key) + ".value must be a number",
                                  std::string(key) + ".value", ""},
                            r);
    *month = p->front().last;
    *value = o.at("value").to_number<double>();
  }
  if (t.due_month <= t.baseline_month)
    return error_response(Error{ErrorCode::kInvalidArgument, "target.period must come after baseline.period",
                                "target.period", ""},
                          r);
  if (const auto* m = body->if_contains("at_risk_margin")) {
    if (!m->is_number() || m->to_number<double>() < 0)
      return error_response(Error{ErrorCode::kInvalidArgument, "at_risk_margin must be a number, 0 or more",
                                  "at_risk_margin", ""},
                            r);
    t.at_risk_margin = m->to_number<double>();
  }
  t.note = string_member(*body, "note");
  if (auto ok = ctx.brain.targets().set(t, who->account_id); !ok) return error_response(ok.error(), r);
  return json_response(json::object{{"targets", target_list(ctx, t.indicator)}});
}

// Expected against actual reports of a series places report, for the officials of the place.
Response completeness(const ApiContext& ctx, const Request& r) {
  static constexpr std::string_view kKnown[] = {"element", "place", "period"};
  if (auto ok = check_query_names(r, {kKnown}); !ok) return error_response(ok.error(), r);
  auto who = authenticate(r, ctx.accounts);
  if (!who) return error_response(who.error(), r);
  const auto* e = ctx.brain.metadata().element(r.query_param("element").value_or(""));
  if (e == nullptr || !e->reported_by)
    return error_response(
        Error{ErrorCode::kInvalidArgument, "element must name a series that places report", "element", ""},
        r);
  const std::string place(r.query_param("place").value_or("VN"));
  const auto node = ctx.brain.tree().find(place);
  if (!node)
    return error_response(Error{ErrorCode::kInvalidArgument, "place: no such place", "place", ""}, r);
  if (auto ok = may_read(ctx, *who, place); !ok) return error_response(ok.error(), r);
  auto periods = analytics::parse_periods(r.query_param("period").value_or(""),
                                          analytics::current_month(ctx.clock), "period");
  if (!periods) return error_response(periods.error(), r);
  if (periods->size() != 1)
    return error_response(Error{ErrorCode::kInvalidArgument, "period must be one period", "period", ""}, r);
  const auto c = ctx.brain.statistics().completeness(*e, *node, periods->front());
  json::array missing;
  for (Node n : c.missing)
    missing.push_back(json::object{{"code", ctx.brain.tree().code(n)}, {"name", ctx.brain.tree().name(n)}});
  return json_response(json::object{
      {"element", e->id},
      {"place", place},
      {"period", periods->front().id()},
      {"expected", c.expected},
      {"actual", c.actual},
      {"rate", c.expected > 0
                   ? json_number(100.0 * static_cast<double>(c.actual) / static_cast<double>(c.expected))
                   : json::value(nullptr)},
      {"missing", std::move(missing)}});
}

}  // namespace

void add_analytics_routes(Router& router, const ApiContext& ctx) {
  router.add(
      {"GET", "/api/v1/indicators", [&ctx](const Request& r) {
         if (auto ok = check_query_names(r, {}); !ok) return error_response(ok.error(), r);
         auto visible = visible_indicators(ctx, r);
         if (!visible) return error_response(visible.error(), r);
         json::array items;
         for (const auto* i : *visible) items.push_back(indicator_json(ctx, *i));
         const auto total = items.size();
         return json_response(json::object{{"items", std::move(items)}, {"total", total}, {"next", nullptr}});
       }});
  router.add({"GET", "/api/v1/indicators/{id}", [&ctx](const Request& r) {
                if (auto ok = check_query_names(r, {}); !ok) return error_response(ok.error(), r);
                auto visible = visible_indicators(ctx, r);
                if (!visible) return error_response(visible.error(), r);
                for (const auto* i : *visible)
                  if (i->id == r.path_param("id")) return json_response(indicator_json(ctx, *i));
                return error_response(Error{ErrorCode::kNotFound, "No indicator with this id", "id", ""}, r);
              }});
  router.add({"GET", "/api/v1/analytics", [&ctx](const Request& r) { return analytics_query(ctx, r); }});
  router.add(
      {"GET", "/api/v1/targets", [&ctx](const Request& r) {
         static constexpr std::string_view kKnown[] = {"indicator"};
         if (auto ok = check_query_names(r, {kKnown}); !ok) return error_response(ok.error(), r);
         auto items = target_list(ctx, std::string(r.query_param("indicator").value_or("")));
         const auto total = items.size();
         return json_response(json::object{{"items", std::move(items)}, {"total", total}, {"next", nullptr}});
       }});
  router.add({"PUT", "/api/v1/targets", [&ctx](const Request& r) { return set_target(ctx, r); }});
  router.add({"GET", "/api/v1/alerts", [&ctx](const Request& r) { return list_alerts(ctx, r); }});
  router.add({"GET", "/api/v1/completeness", [&ctx](const Request& r) { return completeness(ctx, r); }});
  router.add({"POST", "/api/v1/alerts/{id}/ack", [&ctx](const Request& r) {
                return change_alert(ctx, r, analytics::AlertState::kAcknowledged);
              }});
  router.add({"POST", "/api/v1/alerts/{id}/resolve",
              [&ctx](const Request& r) { return change_alert(ctx, r, analytics::AlertState::kResolved); }});
  Route import{"POST", "/api/v1/statistics/import",
               [&ctx](const Request& r) { return import_statistics(ctx, r); }};
  import.body_limit = ctx.brain.config().import_body_limit_bytes;
  router.add(std::move(import));
}

}  // namespace sen::http
