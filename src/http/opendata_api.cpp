// Open data: the CKAN-compatible action API (GET with query parameters, POST with a JSON body, at
// /api/3/action/{action} and /api/action/{action}), downloads of releases with ETag and
// Last-Modified, DCAT JSON-LD, release history and differences, and refreshes by publishers.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>

#include "core/json_parse.hpp"
#include "core/json_reader.hpp"
#include "http/api.hpp"
#include "http/api_support.hpp"
#include "http/authentication.hpp"
#include "http/table_export.hpp"
#include "opendata/dataset_json.hpp"
#include "opendata/dcat.hpp"
#include "opendata/disclosure.hpp"
#include "opendata/release_diff.hpp"

namespace sen::http {
namespace {

namespace json = boost::json;
using opendata::DownloadFormat;

// RFC 9110's IMF-fixdate: "Thu, 03 Dec 2026 10:00:00 GMT".
std::string http_date(std::chrono::system_clock::time_point t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss hms(std::chrono::floor<std::chrono::seconds>(t - day));
  const std::chrono::weekday wd(day);
  return fmt::format("{}, {:02d} {} {} {:02d}:{:02d}:{:02d} GMT", kDays[wd.c_encoding()],
                     static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                     static_cast<int>(ymd.year()), hms.hours().count(), hms.minutes().count(),
                     hms.seconds().count());
}

std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view s) {
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  // "Thu, 03 Dec 2026 10:00:00 GMT"
  if (s.size() != 29 || s.substr(25) != " GMT") return std::nullopt;
  const auto num = [&](std::size_t at, std::size_t len) {
    int v = -1;
    std::from_chars(s.data() + at, s.data() + at + len, v);
    return v;
  };
  int month = 0;
  for (int i = 0; i < 12; ++i)
    if (s.substr(8, 3) == kMonths[i]) month = i + 1;
  const int d = num(5, 2), y = num(12, 4), h = num(17, 2), mi = num(20, 2), se = num(23, 2);
  if (month == 0 || d < 1 || y < 1970 || h < 0 || mi < 0 || se < 0) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(month), std::chrono::day(d)};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi) +
         std::chrono::seconds(se);
}

Response ckan_response(opendata::CkanAnswer a) {
  Response r;
  r.status = a.status;
  r.body = std::move(a.body);
  r.headers.emplace_back("Access-Control-Allow-Origin", "*");
  return r;
}

Response ckan_request(const ApiContext& ctx, const Request& r) {
  json::object params;
  if (r.method == "POST") {
    if (!r.body.empty()) {
      boost::system::error_code ec;
      auto body = parse_json(r.body, ec);
      if (ec || !body.is_object())
        return ckan_response(opendata::CkanAnswer{
            400,
            json::serialize(json::object{
                {"help", ""},
                {"success", false},
                {"error",
                 json::object{{"__type", "Bad request"},
                              {"message", "Bad request - JSON Error: the body must be a JSON object"}}}})});
      params = std::move(body.as_object());
    }
  }
  // Query parameters too (CKAN reads both); a parameter given twice becomes a list.
  for (const auto& [k, v] : r.query) {
    if (auto* existing = params.if_contains(k)) {
      if (!existing->is_array()) *existing = json::array{*existing};
      existing->as_array().push_back(json::string(v));
    } else {
      params[k] = v;
    }
  }
  return ckan_response(ctx.open_data.ckan(r.path_param("action"), params));
}

Response download(const ApiContext& ctx, const Request& r, DownloadFormat format, bool latest) {
  if (auto ok = check_query_names(r, {}); !ok) return error_response(ok.error(), r);
  std::optional<int> number;
  if (!latest) {
    const auto text = r.path_param("number");
    int n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size() || n < 1)
      return error_response(Error{ErrorCode::kInvalidArgument, "A release is a number from 1", "release", ""},
                            r);
    number = n;
  }
  auto d = ctx.open_data.download(std::string(r.path_param("name")), number, format);
  if (!d) return error_response(d.error(), r);
  Response out;
  out.headers.emplace_back("ETag", d->etag);
  out.headers.emplace_back("Last-Modified", http_date(d->modified));
  // The latest file changes with each release; a numbered release never does.
  out.headers.emplace_back("Cache-Control", latest ? "no-cache" : "public, max-age=31536000, immutable");
  out.headers.emplace_back("Access-Control-Allow-Origin", "*");
  const auto inm = r.header("if-none-match");
  const auto ims = r.header("if-modified-since");
  const auto since = ims ? parse_http_date(*ims) : std::nullopt;
  if ((inm && *inm == d->etag) ||
      (!inm && since && std::chrono::floor<std::chrono::seconds>(d->modified) <= *since)) {
    out.status = 304;
    out.content_type.clear();
    return out;
  }
  out.content_type = std::string(opendata::media_type(format));
  const std::string file =
      fmt::format("{}{}.{}", r.path_param("name"),
                  number ? fmt::format("-release-{}", *number) : std::string(), opendata::name(format));
  out.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"{}\"", file));
  out.body = *d->bytes;
  return out;
}

opendata::DcatSite dcat_site(const ApiContext& ctx) {
  return opendata::DcatSite{ctx.open_data.catalogue(), ctx.open_data.pack(),
                            [&ctx](const std::string& code) { return ctx.open_data.publisher_name(code); },
                            ctx.public_url, ctx.open_data.config().suppression_threshold};
}

Response jsonld(json::object body) {
  Response r = json_response(body);
  r.content_type = "application/ld+json";
  r.headers.emplace_back("Access-Control-Allow-Origin", "*");
  return r;
}

json::object text_json(const opendata::Text& t) { return json::object{{"vi", t.vi}, {"en", t.en}}; }

// Our own view of a dataset for the portal: metadata, the dictionary with the reason codes, the
// releases, the disclosure method.
Response dataset_view(const ApiContext& ctx, const Request& r) {
  if (auto ok = check_query_names(r, {}); !ok) return error_response(ok.error(), r);
  const std::string name(r.path_param("name"));
  const auto d = ctx.open_data.catalogue().find(name);
  if (!d) return error_response(Error{ErrorCode::kNotFound, "No dataset " + name, "name", ""}, r);
  const auto latest = ctx.open_data.catalogue().latest(name);
  json::array releases;
  for (const auto& info : ctx.open_data.catalogue().releases(name))
    releases.push_back(json::object{{"number", info.number},
                                    {"created_at", format_rfc3339(info.created_at)},
                                    {"rows", info.rows},
                                    {"sha256", info.sha256},
                                    {"note", info.note}});
  json::array reasons;
  for (auto s : {opendata::Suppression::kSmallCount, opendata::Suppression::kComplementary,
                 opendata::Suppression::kSmallBase})
    reasons.push_back(json::object{
        {"code", opendata::reason_code(s)},
        {"text", json::object{{"vi", opendata::reason_text_vi(s)}, {"en", opendata::reason_text_en(s)}}}});
  const auto threshold = ctx.open_data.config().suppression_threshold;
  const auto* theme = ctx.open_data.pack().theme(d->meta.theme);
  const auto* licence = ctx.open_data.pack().licence(d->meta.licence);
  json::object body = opendata::meta_json(d->meta);
  body["kind"] = opendata::name(d->kind);
  body["publisher_name"] = ctx.open_data.publisher_name(d->meta.publisher);
  body["theme_title"] = theme ? json::value(text_json(theme->title)) : json::value(nullptr);
  body["licence_title"] = licence ? licence->title : d->meta.licence;
  body["licence_url"] = licence ? licence->url : "";
  body["created_at"] = format_rfc3339(d->created_at);
  body["modified_at"] =
      format_rfc3339(latest ? std::max(latest->created_at, d->modified_at) : d->modified_at);
  body["columns"] = opendata::columns_json(latest ? latest->columns : d->dictionary);
  body["releases"] = std::move(releases);
  body["suppression"] = json::object{{"threshold", threshold},
                                     {"method", json::object{{"vi", opendata::method_vi(threshold)},
                                                             {"en", opendata::method_en(threshold)}}},
                                     {"reasons", std::move(reasons)}};
  body["resource_id"] = opendata::resource_id(name, "csv");
  if (d->live) body["live"] = opendata::live_json(*d->live);
  return json_response(body);
}

Result<int> release_number(const Request& r, std::string_view key) {
  const auto text = r.query_param(key);
  if (!text)
    return fail(ErrorCode::kInvalidArgument, std::string(key) + " is required (a release number)",
                std::string(key));
  int n = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc() || end != text->data() + text->size() || n < 1)
    return fail(ErrorCode::kInvalidArgument, std::string(key) + " must be a release number from 1",
                std::string(key));
  return n;
}

Response diff(const ApiContext& ctx, const Request& r) {
  static constexpr std::string_view kKnown[] = {"from", "to"};
  if (auto ok = check_query_names(r, {kKnown}); !ok) return error_response(ok.error(), r);
  auto from = release_number(r, "from");
  if (!from) return error_response(from.error(), r);
  auto to = release_number(r, "to");
  if (!to) return error_response(to.error(), r);
  const std::string name(r.path_param("name"));
  auto a = ctx.open_data.catalogue().release(name, *from);
  if (!a) return error_response(a.error(), r);
  auto b = ctx.open_data.catalogue().release(name, *to);
  if (!b) return error_response(b.error(), r);
  return json_response(opendata::release_diff(**a, **b, 1000));
}

// Who may publish a dataset: decided by the Authorizer from its place and publishing agency.
Status may_publish(const ApiContext& ctx, const identity::Principal& who, const opendata::DatasetMeta& meta) {
  identity::Target t;
  t.place_code = meta.spatial;
  t.agency_code = meta.publisher;
  return ctx.authorizer.authorize(who, identity::Action::kPublishOpenData, t);
}

Response refresh(const ApiContext& ctx, const Request& r) {
  if (auto ok = check_query_names(r, {}); !ok) return error_response(ok.error(), r);
  auto who = authenticate(r, ctx.accounts, &ctx.write_limiter);
  if (!who) return error_response(who.error(), r);
  const std::string name(r.path_param("name"));
  const auto d = ctx.open_data.catalogue().find(name);
  if (!d) return error_response(Error{ErrorCode::kNotFound, "No dataset " + name, "name", ""}, r);
  if (auto ok = may_publish(ctx, *who, d->meta); !ok) return error_response(ok.error(), r);
  auto written = ctx.open_data.refresh(name, who->account_id);
  if (!written) return error_response(written.error(), r);
  const auto releases = ctx.open_data.catalogue().releases(name);
  return json_response(json::object{{"dataset", name},
                                    {"changed", written->has_value()},
                                    {"release", releases.empty() ? 0 : releases.back().number}},
                       written->has_value() ? 201 : 200);
}

// An agency's dataset published from files: metadata and dictionary now, files as releases.
Response create_dataset(const ApiContext& ctx, const Request& r) {
  if (auto ok = check_query_names(r, {}); !ok) return error_response(ok.error(), r);
  auto who = authenticate(r, ctx.accounts, &ctx.write_limiter);
  if (!who) return error_response(who.error(), r);
  auto body = parse_json_object_body(r);
  if (!body) return error_response(body.error(), r);
  const JsonReader reader("body");
  std::vector<std::string_view> allowed(std::begin(opendata::kMetaMembers), std::end(opendata::kMetaMembers));
  allowed.push_back("dictionary");
  for (const auto& kv : *body)
    if (!names_contain(JsonNames(allowed.data(), allowed.size()), kv.key()))
      return error_response(Error{ErrorCode::kInvalidArgument, "Unknown member " + std::string(kv.key()),
                                  std::string(kv.key()), ""},
                            r);
  auto meta = opendata::read_meta(reader, *body, "");
  if (!meta) return error_response(meta.error(), r);
  const auto* dictionary = body->if_contains("dictionary");
  if (dictionary == nullptr)
    return error_response(Error{ErrorCode::kInvalidArgument, "dictionary is required", "dictionary", ""}, r);
  auto columns = opendata::read_columns(reader, *dictionary, "dictionary");
  if (!columns) return error_response(columns.error(), r);
  if (auto ok = may_publish(ctx, *who, *meta); !ok) return error_response(ok.error(), r);
  opendata::Dataset d;
  d.kind = opendata::DatasetKind::kUpload;
  d.meta = std::move(*meta);
  d.dictionary = std::move(*columns);
  if (auto ok = ctx.open_data.create_upload_dataset(d, who->account_id); !ok)
    return error_response(ok.error(), r);
  return json_response(json::object{{"name", d.meta.name}, {"releases", 0}}, 201);
}

Response upload_release(const ApiContext& ctx, const Request& r) {
  static constexpr std::string_view kKnown[] = {"dry_run"};
  if (auto ok = check_query_names(r, {kKnown}); !ok) return error_response(ok.error(), r);
  auto who = authenticate(r, ctx.accounts, &ctx.write_limiter);
  if (!who) return error_response(who.error(), r);
  auto dry_run = flag_param(r, "dry_run");
  if (!dry_run) return error_response(dry_run.error(), r);
  const std::string name(r.path_param("name"));
  const auto d = ctx.open_data.catalogue().find(name);
  if (!d) return error_response(Error{ErrorCode::kNotFound, "No dataset " + name, "name", ""}, r);
  if (auto ok = may_publish(ctx, *who, d->meta); !ok) return error_response(ok.error(), r);
  auto records = spreadsheet_records(r, ctx.import_max_unpacked_bytes);
  if (!records) return error_response(records.error(), r);
  auto outcome = ctx.open_data.upload(name, *records, *dry_run, who->account_id);
  if (!outcome) return error_response(outcome.error(), r);
  json::array errors;
  for (const auto& p : outcome->problems)
    errors.push_back(json::object{{"row", p.row}, {"column", p.column}, {"message", p.message}});
  if (!outcome->problems.empty()) {
    json::object body{{"type", "about:blank"},
                      {"title", "Bad Request"},
                      {"status", 400},
                      {"detail", "Nothing was published: correct the rows listed in errors"},
                      {"field", "file"},
                      {"rows", outcome->rows},
                      {"errors", std::move(errors)}};
    Response out = json_response(body, 400);
    out.content_type = "application/problem+json";
    return out;
  }
  return json_response(
      json::object{{"rows", outcome->rows},
                   {"dry_run", *dry_run},
                   {"release", outcome->release ? json::value(*outcome->release) : json::value(nullptr)},
                   {"errors", json::array()}},
      outcome->release ? 201 : 200);
}

}  // namespace

void add_opendata_routes(Router& router, const ApiContext& ctx) {
  for (const char* base : {"/api/3/action/{action}", "/api/action/{action}"})
    for (const char* method : {"GET", "POST"})
      router.add(
          {method, base, [&ctx](const Request& r) { return ckan_request(ctx, r); }, Execution::kInline});
  for (auto format : {DownloadFormat::kCsv, DownloadFormat::kJson, DownloadFormat::kXlsx}) {
    const std::string file = fmt::format("data.{}", opendata::name(format));
    router.add({"GET", "/api/v1/opendata/datasets/{name}/" + file,
                [&ctx, format](const Request& r) { return download(ctx, r, format, true); }});
    router.add({"GET", "/api/v1/opendata/datasets/{name}/releases/{number}/" + file,
                [&ctx, format](const Request& r) { return download(ctx, r, format, false); }});
  }
  router.add({"GET", "/api/v1/opendata/datasets/{name}",
              [&ctx](const Request& r) { return dataset_view(ctx, r); }, Execution::kInline});
  router.add(
      {"GET", "/api/v1/opendata/datasets/{name}/diff", [&ctx](const Request& r) { return diff(ctx, r); }});
  router.add({"POST", "/api/v1/opendata/datasets/{name}/refresh",
              [&ctx](const Request& r) { return refresh(ctx, r); }});
  router.add(
      {"POST", "/api/v1/opendata/datasets", [&ctx](const Request& r) { return create_dataset(ctx, r); }});
  router.add({"POST", "/api/v1/opendata/datasets/{name}/releases",
              [&ctx](const Request& r) { return upload_release(ctx, r); }, Execution::kBlocking,
              ctx.open_data.config().upload_limit_bytes});
  router.add({"GET", "/api/v1/opendata/catalog.jsonld",
              [&ctx](const Request& r) {
                if (auto ok = check_query_names(r, {}); !ok) return error_response(ok.error(), r);
                return jsonld(opendata::dcat_catalogue(dcat_site(ctx)));
              },
              Execution::kInline});
  router.add({"GET", "/api/v1/opendata/datasets/{name}/dcat.jsonld",
              [&ctx](const Request& r) {
                if (auto ok = check_query_names(r, {}); !ok) return error_response(ok.error(), r);
                const auto d = ctx.open_data.catalogue().find(r.path_param("name"));
                if (!d) return error_response(Error{ErrorCode::kNotFound, "No such dataset", "name", ""}, r);
                return jsonld(opendata::dcat_dataset(dcat_site(ctx), *d));
              },
              Execution::kInline});
}

}  // namespace sen::http
