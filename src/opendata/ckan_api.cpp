#include "opendata/ckan_api.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "core/clock.hpp"
#include "core/json_parse.hpp"
#include "core/text_fold.hpp"
#include "opendata/disclosure.hpp"

namespace sen::opendata {

namespace json = boost::json;

std::string resource_id(std::string_view dataset, std::string_view format) {
  return fmt::format("{}-{}", dataset, format);
}

namespace {

constexpr std::string_view kFormats[] = {"csv", "json", "xlsx"};

// A failed action: CKAN's error type, its status, and the message or the fields at fault.
struct CkanError {
  int status;
  std::string type;
  std::string message;
  std::string field;  // for validation errors: {"<field>": ["<message>"]}
};
template <class T>
using Outcome = tl::expected<T, CkanError>;

// An action's result. The bulky member of a search (datastore_search's records, package_search's
// results) comes as pieces of JSON text serialized once per release or dataset version, spliced
// into the answer as one array: no JSON is built per item and request.
struct ActionResult {
  ActionResult() = default;
  ActionResult(json::value v) : value(std::move(v)) {}  // NOLINT: every action returns a json::value
  ActionResult(json::object v, std::string_view member) : value(std::move(v)), spliced_member(member) {}
  json::value value;
  std::string_view spliced_member;                // empty when nothing is spliced
  std::vector<std::string_view> parts;            // the array's items, or runs of items joined by commas
  std::vector<std::shared_ptr<const void>> keep;  // what `parts` point into
};

tl::unexpected<CkanError> invalid(std::string field, std::string message) {
  return tl::unexpected(CkanError{409, "Validation Error", std::move(message), std::move(field)});
}
tl::unexpected<CkanError> not_found(std::string message) {
  return tl::unexpected(CkanError{404, "Not Found Error", "Not found: " + std::move(message), ""});
}

// CKAN writes times as naive UTC with microseconds.
std::string ckan_time(std::chrono::system_clock::time_point t) {
  return format_rfc3339(t, 0).substr(0, 19) + ".000000";  // 2026-12-03T10:00:00+00:00 → naive
}

class Params {
 public:
  explicit Params(const json::object& o) : o_(o) {}

  Outcome<void> only(std::initializer_list<std::string_view> allowed) const {
    for (const auto& kv : o_)
      if (std::find(allowed.begin(), allowed.end(), std::string_view(kv.key())) == allowed.end())
        return invalid(kv.key(), "Unknown parameter for this action");
    return {};
  }
  const json::value* get(std::string_view key) const { return o_.if_contains(key); }

  Outcome<std::string> text(std::string_view key, bool required, std::string fallback = "") const {
    const auto* v = get(key);
    if (v == nullptr) {
      if (required) return invalid(std::string(key), "Missing value");
      return fallback;
    }
    if (!v->is_string()) return invalid(std::string(key), "Must be a string");
    return std::string(v->as_string());
  }
  Outcome<int> integer(std::string_view key, int fallback, int min, int max) const {
    const auto* v = get(key);
    if (v == nullptr) return fallback;
    long long n = 0;
    if (v->is_int64()) {
      n = v->as_int64();
    } else if (v->is_string()) {
      const auto s = v->as_string();
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
      if (ec != std::errc() || end != s.data() + s.size() || s.empty())
        return invalid(std::string(key), "Invalid integer");
    } else {
      return invalid(std::string(key), "Invalid integer");
    }
    if (n < min) return invalid(std::string(key), fmt::format("Must be at least {}", min));
    if (n > max) return invalid(std::string(key), fmt::format("Must be at most {}", max));
    return static_cast<int>(n);
  }
  Outcome<bool> boolean(std::string_view key, bool fallback) const {
    const auto* v = get(key);
    if (v == nullptr) return fallback;
    if (v->is_bool()) return v->as_bool();
    if (v->is_string()) {
      std::string s(v->as_string());
      std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
      if (s == "true" || s == "1" || s == "yes") return true;
      if (s == "false" || s == "0" || s == "no") return false;
    }
    return invalid(std::string(key), "Must be true or false");
  }
  // A value CKAN takes as JSON: given as JSON in a POST body, or as JSON text in a GET parameter.
  Outcome<std::optional<json::value>> structured(std::string_view key) const {
    const auto* v = get(key);
    if (v == nullptr) return std::optional<json::value>();
    if (!v->is_string()) return std::optional<json::value>(*v);
    boost::system::error_code ec;
    auto parsed = parse_json(v->as_string(), ec);
    if (ec) return invalid(std::string(key), "Cannot parse JSON");
    return std::optional<json::value>(std::move(parsed));
  }
  // "a,b" or ["a", "b"].
  Outcome<std::optional<std::vector<std::string>>> list(std::string_view key) const {
    const auto* v = get(key);
    if (v == nullptr) return std::optional<std::vector<std::string>>();
    std::vector<std::string> out;
    if (v->is_string()) {
      const std::string_view s = v->as_string();
      if (!s.empty() && s.front() == '[') {
        auto parsed = structured(key);
        if (!parsed) return tl::unexpected(parsed.error());
        return list_of(key, **parsed);
      }
      std::size_t start = 0;
      while (start <= s.size()) {
        auto end = s.find(',', start);
        if (end == std::string_view::npos) end = s.size();
        auto part = s.substr(start, end - start);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
        if (!part.empty()) out.emplace_back(part);
        start = end + 1;
      }
      return std::optional(out);
    }
    return list_of(key, *v);
  }

 private:
  static Outcome<std::optional<std::vector<std::string>>> list_of(std::string_view key,
                                                                  const json::value& v) {
    if (!v.is_array()) return invalid(std::string(key), "Must be a list of strings");
    std::vector<std::string> out;
    for (const auto& item : v.as_array()) {
      if (!item.is_string()) return invalid(std::string(key), "Must be a list of strings");
      out.emplace_back(item.as_string());
    }
    return std::optional(out);
  }
  const json::object& o_;
};

json::object text_object(const Text& t) { return json::object{{"vi", t.vi}, {"en", t.en}}; }

std::string dataset_url(const CkanSite& site, std::string_view name) {
  return fmt::format("{}/#/open-data/{}", site.base_url, name);
}

std::string download_url(const CkanSite& site, std::string_view name, std::string_view format) {
  return fmt::format("{}/api/v1/opendata/datasets/{}/data.{}", site.base_url, name, format);
}

// `datasets`: the package_count of organization_list and organization_show (a package's own
// organization carries none, as in CKAN).
json::object organization_dict(const CkanSite& site, const std::string& code,
                               std::optional<std::size_t> datasets) {
  const auto title = site.agency_name(code);
  json::object o{{"id", code},
                 {"name", code},
                 {"title", title},
                 {"display_name", title},
                 {"type", "organization"},
                 {"is_organization", true},
                 {"state", "active"},
                 {"approval_status", "approved"},
                 {"description", ""},
                 {"image_url", ""}};
  if (datasets) o["package_count"] = *datasets;
  return o;
}

json::object group_dict(const Theme& t, std::size_t datasets) {
  return json::object{{"id", t.id},
                      {"name", t.id},
                      {"title", t.title.vi},
                      {"title_translated", text_object(t.title)},
                      {"display_name", t.title.vi},
                      {"type", "group"},
                      {"is_organization", false},
                      {"state", "active"},
                      {"approval_status", "approved"},
                      {"description", ""},
                      {"image_url", ""},
                      {"package_count", datasets}};
}

json::object resource_dict(const CkanSite& site, const Dataset& d,
                           const std::shared_ptr<const Release>& latest, std::string_view format,
                           int position) {
  const bool table = format == "csv";
  std::string upper(format);
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  const std::string_view mime = format == "csv" ? "text/csv"
                                : format == "json"
                                    ? "application/json"
                                    : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  json::object r{
      {"id", resource_id(d.meta.name, format)},
      {"package_id", d.meta.name},
      {"name", fmt::format("{} ({})", d.meta.title.vi, upper)},
      {"description", table ? "Bảng dữ liệu, tra cứu được qua datastore_search. / The data table, searchable "
                              "through datastore_search."
                            : "Cùng bảng dữ liệu, định dạng khác. / The same table in another format."},
      {"format", upper},
      {"mimetype", mime},
      {"url", download_url(site, d.meta.name, format)},
      {"url_type", ""},
      {"datastore_active", table},
      {"position", position},
      {"state", "active"},
      {"created", ckan_time(d.created_at)},
      {"last_modified", latest ? json::value(ckan_time(latest->created_at)) : json::value(nullptr)},
      {"metadata_modified", ckan_time(latest ? latest->created_at : d.modified_at)}};
  if (latest) r["hash"] = "sha256:" + latest->sha256;
  return r;
}

json::object package_dict(const CkanSite& site, const Dataset& d) {
  const auto latest = site.catalogue.latest(d.meta.name);
  const auto releases = site.catalogue.releases(d.meta.name);
  json::array resources;
  if (latest) {
    int position = 0;
    for (auto f : kFormats) resources.push_back(resource_dict(site, d, latest, f, position++));
  }
  json::array tags;
  for (const auto& k : d.meta.keywords)
    tags.push_back(json::object{{"name", k}, {"display_name", k}, {"state", "active"}, {"id", k}});
  json::array groups;
  if (const auto* t = site.pack.theme(d.meta.theme))
    groups.push_back(
        json::object{{"id", t->id}, {"name", t->id}, {"title", t->title.vi}, {"display_name", t->title.vi}});
  const auto* licence = site.pack.licence(d.meta.licence);
  const auto modified = std::max(d.modified_at, latest ? latest->created_at : d.modified_at);
  const auto num_resources = resources.size();
  const auto num_tags = tags.size();
  json::array extras{
      json::object{{"key", "spatial_code"}, {"value", d.meta.spatial}},
      json::object{{"key", "temporal_start"}, {"value", d.meta.temporal_start}},
      json::object{{"key", "temporal_end"}, {"value", d.meta.temporal_end}},
      json::object{{"key", "frequency"}, {"value", frequency_uri(d.meta.frequency)}},
      json::object{{"key", "release"}, {"value", latest ? std::to_string(latest->number) : ""}},
      json::object{{"key", "releases"}, {"value", std::to_string(releases.size())}},
      json::object{
          {"key", "dcat_jsonld"},
          {"value", fmt::format("{}/api/v1/opendata/datasets/{}/dcat.jsonld", site.base_url, d.meta.name)}},
      json::object{{"key", "kind"}, {"value", name(d.kind)}}};
  return json::object{{"id", d.meta.name},
                      {"name", d.meta.name},
                      {"title", d.meta.title.vi},
                      {"title_translated", text_object(d.meta.title)},
                      {"notes", d.meta.description.vi},
                      {"notes_translated", text_object(d.meta.description)},
                      {"type", "dataset"},
                      {"state", "active"},
                      {"private", false},
                      {"isopen", true},
                      {"license_id", d.meta.licence},
                      {"license_title", licence ? licence->title : d.meta.licence},
                      {"license_url", licence ? licence->url : ""},
                      {"metadata_created", ckan_time(d.created_at)},
                      {"metadata_modified", ckan_time(modified)},
                      {"owner_org", d.meta.publisher},
                      {"organization", organization_dict(site, d.meta.publisher, std::nullopt)},
                      {"author", site.agency_name(d.meta.publisher)},
                      {"maintainer", site.agency_name(d.meta.publisher)},
                      {"maintainer_email", d.meta.contact},
                      {"version", latest ? std::to_string(latest->number) : ""},
                      {"url", dataset_url(site, d.meta.name)},
                      {"groups", std::move(groups)},
                      {"tags", std::move(tags)},
                      {"num_tags", num_tags},
                      {"resources", std::move(resources)},
                      {"num_resources", num_resources},
                      {"extras", std::move(extras)},
                      {"relationships_as_object", json::array()},
                      {"relationships_as_subject", json::array()}};
}

std::vector<std::string> words(std::string_view folded) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < folded.size()) {
    auto end = folded.find(' ', start);
    if (end == std::string_view::npos) end = folded.size();
    if (end > start) out.emplace_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// "field [asc|desc][, field [asc|desc]...]" as CKAN and Solr take it; a quoted field loses its quotes.
struct SortKey {
  std::string field;
  bool desc = false;
};
Outcome<std::vector<SortKey>> sort_keys(std::string_view s) {
  std::vector<SortKey> out;
  std::size_t i = 0;
  while (i < s.size()) {
    auto end = s.find(',', i);
    if (end == std::string_view::npos) end = s.size();
    auto item = words(std::string(s.substr(i, end - i)));
    i = end + 1;
    if (item.empty()) continue;
    std::string field = item[0];
    if (field.size() > 2 && field.front() == '"' && field.back() == '"')
      field = field.substr(1, field.size() - 2);
    std::string dir = item.size() > 1 ? item[1] : "asc";
    std::transform(dir.begin(), dir.end(), dir.begin(), [](unsigned char c) { return std::tolower(c); });
    if (item.size() > 2 || (dir != "asc" && dir != "desc"))
      return invalid("sort", "Expected \"field asc|desc\"");
    out.push_back(SortKey{std::move(field), dir == "desc"});
  }
  return out;
}

// ---- package_search ----

struct FqTerm {
  std::string field, value;
};

constexpr std::string_view kFqFields[] = {"organization", "groups",     "tags", "res_format",
                                          "name",         "license_id", "id",   "spatial"};

Outcome<std::vector<FqTerm>> parse_fq(std::string_view text) {
  std::vector<FqTerm> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '+')) ++i;
    if (i >= text.size()) break;
    if (text.substr(i, 4) == "AND ") {
      i += 4;
      continue;
    }
    const auto colon = text.find(':', i);
    if (colon == std::string_view::npos) return invalid("fq", "Expected field:value terms");
    FqTerm t{std::string(text.substr(i, colon - i)), ""};
    i = colon + 1;
    if (i < text.size() && text[i] == '"') {
      const auto close = text.find('"', i + 1);
      if (close == std::string_view::npos) return invalid("fq", "Unclosed quote");
      t.value = std::string(text.substr(i + 1, close - i - 1));
      i = close + 1;
    } else {
      auto end = text.find(' ', i);
      if (end == std::string_view::npos) end = text.size();
      t.value = std::string(text.substr(i, end - i));
      i = end;
    }
    if (std::find(std::begin(kFqFields), std::end(kFqFields), t.field) == std::end(kFqFields))
      return invalid("fq", "Unknown field " + t.field +
                               " (allowed: organization, groups, tags, res_format, name, "
                               "license_id, id, spatial)");
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<std::string> field_values(const Dataset& d, bool has_release, std::string_view field) {
  if (field == "organization") return {d.meta.publisher};
  if (field == "groups") return {d.meta.theme};
  if (field == "tags") return d.meta.keywords;
  if (field == "license_id") return {d.meta.licence};
  if (field == "name" || field == "id") return {d.meta.name};
  if (field == "spatial") return {d.meta.spatial};
  if (field == "res_format") {
    if (!has_release) return {};
    return {"CSV", "JSON", "XLSX"};
  }
  return {};
}

std::string searchable_text(const CkanSite& site, const Dataset& d) {
  std::string s = d.meta.name + " " + d.meta.title.vi + " " + d.meta.title.en + " " + d.meta.description.vi +
                  " " + d.meta.description.en + " " + site.agency_name(d.meta.publisher);
  for (const auto& k : d.meta.keywords) s += " " + k;
  if (const auto* t = site.pack.theme(d.meta.theme)) s += " " + t->title.vi + " " + t->title.en;
  return fold_for_search(s);
}

Outcome<ActionResult> package_search(const CkanSite& site, const Params& p) {
  if (auto ok = p.only({"q", "fq", "fq_list", "rows", "start", "sort", "facet", "facet.field", "facet.limit",
                        "facet.mincount", "include_private", "include_drafts", "include_deleted"});
      !ok)
    return tl::unexpected(ok.error());
  auto q = p.text("q", false, "");
  if (!q) return tl::unexpected(q.error());
  auto fq = p.text("fq", false, "");
  if (!fq) return tl::unexpected(fq.error());
  auto terms = parse_fq(*fq);
  if (!terms) return tl::unexpected(terms.error());
  auto fq_list = p.list("fq_list");
  if (!fq_list) return tl::unexpected(fq_list.error());
  for (const auto& extra : fq_list->value_or(std::vector<std::string>{})) {
    auto more = parse_fq(extra);
    if (!more) return tl::unexpected(more.error());
    terms->insert(terms->end(), more->begin(), more->end());
  }
  auto rows = p.integer("rows", 10, 0, site.search_rows_max);
  if (!rows) return tl::unexpected(rows.error());
  auto start = p.integer("start", 0, 0, 1 << 30);
  if (!start) return tl::unexpected(start.error());
  auto sort = p.text("sort", false, "score desc, metadata_modified desc");
  if (!sort) return tl::unexpected(sort.error());
  auto facet_fields = p.list("facet.field");
  if (!facet_fields) return tl::unexpected(facet_fields.error());
  auto facet_limit = p.integer("facet.limit", 50, -1, 1 << 20);
  if (!facet_limit) return tl::unexpected(facet_limit.error());
  auto facet_mincount = p.integer("facet.mincount", 1, 0, 1 << 30);
  if (!facet_mincount) return tl::unexpected(facet_mincount.error());
  for (auto key : {"facet", "include_private", "include_drafts", "include_deleted"})
    if (auto ok = p.boolean(key, false); !ok) return tl::unexpected(ok.error());
  for (const auto& f : facet_fields->value_or(std::vector<std::string>{}))
    if (std::find(std::begin(kFqFields), std::end(kFqFields), f) == std::end(kFqFields))
      return invalid("facet.field", "Unknown field " + f);

  // Free text: "*:*" or nothing is everything; field:value terms in q filter like fq.
  std::vector<std::string> query_words;
  if (*q != "*:*" && !q->empty()) {
    std::string free;
    for (const auto& w : words(*q)) {
      if (w.find(':') != std::string::npos) {
        auto t = parse_fq(w);
        if (!t) return invalid("q", t.error().message);
        terms->insert(terms->end(), t->begin(), t->end());
      } else {
        free += w + " ";
      }
    }
    query_words = words(fold_for_search(free));
  }

  struct Hit {
    std::shared_ptr<const Dataset> d;
    int score;
    std::chrono::system_clock::time_point modified;
    bool has_release;
    std::shared_ptr<const PackageCache::Entry> cached;
  };
  std::vector<Hit> hits;
  for (const auto& d : site.catalogue.datasets()) {
    const auto latest = site.catalogue.latest(d->meta.name);
    const bool has_release = latest != nullptr;
    bool keep = true;
    for (const auto& t : *terms) {
      const auto values = field_values(*d, has_release, t.field);
      if (std::find(values.begin(), values.end(), t.value) == values.end()) keep = false;
    }
    if (!keep) continue;
    int score = 0;
    auto cached = site.packages.get(site, *d);
    for (const auto& w : query_words) {
      if (cached->text.find(w) == std::string::npos) {
        keep = false;
        break;
      }
      score += cached->title.find(w) != std::string::npos ? 3 : 1;
    }
    if (!keep) continue;
    const auto modified = std::max(d->modified_at, has_release ? latest->created_at : d->modified_at);
    hits.push_back(Hit{d, score, modified, has_release, std::move(cached)});
  }

  // sort over score, metadata_modified, metadata_created, name, title_string.
  auto parsed_sort = sort_keys(*sort);
  if (!parsed_sort) return tl::unexpected(parsed_sort.error());
  std::vector<SortKey> keys = std::move(*parsed_sort);
  static constexpr std::string_view kSortable[] = {"score", "metadata_modified", "metadata_created", "name",
                                                   "title_string"};
  for (const auto& k : keys)
    if (std::find(std::begin(kSortable), std::end(kSortable), k.field) == std::end(kSortable))
      return invalid("sort", "Cannot sort by " + k.field);
  keys.push_back(SortKey{"name", false});  // a total order, so paging is stable
  std::stable_sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) {
    for (const auto& k : keys) {
      int c = 0;
      if (k.field == "score") {
        c = a.score < b.score ? -1 : a.score > b.score;
      } else if (k.field == "metadata_modified") {
        c = a.modified < b.modified ? -1 : a.modified > b.modified;
      } else if (k.field == "metadata_created") {
        c = a.d->created_at < b.d->created_at ? -1 : a.d->created_at > b.d->created_at;
      } else if (k.field == "name") {
        c = a.d->meta.name.compare(b.d->meta.name);
      } else {
        c = fold_for_search(a.d->meta.title.vi).compare(fold_for_search(b.d->meta.title.vi));
      }
      if (c != 0) return k.desc ? c > 0 : c < 0;
    }
    return false;
  });

  json::object facets, search_facets;
  for (const auto& field : facet_fields->value_or(std::vector<std::string>{})) {
    std::map<std::string, std::size_t> counts;
    for (const auto& h : hits)
      for (const auto& v : field_values(*h.d, h.has_release, field)) ++counts[v];
    std::vector<std::pair<std::string, std::size_t>> ordered(counts.begin(), counts.end());
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    json::object plain;
    json::array items;
    int shown = 0;
    for (const auto& [value, count] : ordered) {
      if (static_cast<int>(count) < *facet_mincount) continue;
      if (*facet_limit >= 0 && shown >= *facet_limit) break;
      ++shown;
      plain[value] = count;
      std::string display = value;
      if (field == "organization") display = site.agency_name(value);
      if (field == "groups")
        if (const auto* t = site.pack.theme(value)) display = t->title.vi;
      items.push_back(json::object{{"name", value}, {"display_name", display}, {"count", count}});
    }
    facets[field] = std::move(plain);
    search_facets[field] = json::object{{"title", field}, {"items", std::move(items)}};
  }

  ActionResult out(json::object{{"count", hits.size()},
                                {"sort", *sort},
                                {"facets", std::move(facets)},
                                {"search_facets", std::move(search_facets)}},
                   "results");
  for (std::size_t i = *start; i < hits.size() && i < static_cast<std::size_t>(*start) + *rows; ++i) {
    out.parts.push_back(hits[i].cached->package);
    out.keep.push_back(hits[i].cached);
  }
  return out;
}

// ---- datastore_search ----

bool is_text(const Value& v) { return v.is_string(); }

std::string value_text(const Value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_null()) return "";
  return json::serialize(v);
}

int compare_values(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null())
    return a.is_null() == b.is_null() ? 0 : (a.is_null() ? 1 : -1);  // nulls last
  if (a.is_number() && b.is_number()) {
    const double x = a.to_number<double>(), y = b.to_number<double>();
    return x < y ? -1 : x > y;
  }
  return value_text(a).compare(value_text(b));
}

bool matches_filter(const Value& cell, const json::value& wanted) {
  if (wanted.is_array()) {
    for (const auto& w : wanted.as_array())
      if (matches_filter(cell, w)) return true;
    return false;
  }
  if (wanted.is_string()) return value_text(cell) == std::string_view(wanted.as_string());
  if (wanted.is_null()) return cell.is_null();
  if (wanted.is_number() && cell.is_number()) return wanted.to_number<double>() == cell.to_number<double>();
  return false;
}

Outcome<ActionResult> datastore_search(const CkanSite& site, const Params& p) {
  if (auto ok = p.only({"resource_id", "id", "filters", "q", "fields", "limit", "offset", "sort",
                        "include_total", "records_format", "distinct", "plain", "language", "full_text",
                        "total_estimation_threshold"});
      !ok)
    return tl::unexpected(ok.error());
  auto id = p.text("resource_id", p.get("id") == nullptr);
  if (!id) return tl::unexpected(id.error());
  if (id->empty()) {
    auto alt = p.text("id", true);
    if (!alt) return tl::unexpected(alt.error());
    id = alt;
  }
  const std::string suffix = "-csv";
  if (id->size() <= suffix.size() || !id->ends_with(suffix))
    return not_found(fmt::format("Resource \"{}\" was not found.", *id));
  const std::string dataset = id->substr(0, id->size() - suffix.size());
  const auto release = site.catalogue.latest(dataset);
  if (!release) return not_found(fmt::format("Resource \"{}\" was not found.", *id));

  const auto column_index = [&](std::string_view name) -> int {
    for (std::size_t i = 0; i < release->columns.size(); ++i)
      if (release->columns[i].id == name) return static_cast<int>(i);
    return -1;
  };
  auto filters = p.structured("filters");
  if (!filters) return tl::unexpected(filters.error());
  std::vector<std::pair<int, json::value>> conditions;
  if (*filters) {
    if (!(*filters)->is_object()) return invalid("filters", "Must be an object of field: value");
    for (const auto& kv : (*filters)->as_object()) {
      const int c = column_index(kv.key());
      if (c < 0)
        return invalid("filters", fmt::format("field \"{}\" not in resource", std::string_view(kv.key())));
      conditions.emplace_back(c, kv.value());
    }
  }
  // q: text searched in every text field, or {"field": "text"} per field.
  std::string q_text;
  std::vector<std::pair<int, std::string>> q_fields;
  if (const auto* raw = p.get("q")) {
    if (raw->is_string() && !std::string_view(raw->as_string()).starts_with("{")) {
      q_text = fold_for_search(raw->as_string());
    } else {
      auto q = p.structured("q");
      if (!q) return tl::unexpected(q.error());
      if (!(*q)->is_object()) return invalid("q", "Must be text or an object of field: text");
      for (const auto& kv : (*q)->as_object()) {
        const int c = column_index(kv.key());
        if (c < 0 || !kv.value().is_string())
          return invalid("q", fmt::format("field \"{}\" not in resource", std::string_view(kv.key())));
        q_fields.emplace_back(c, fold_for_search(kv.value().as_string()));
      }
    }
  }
  auto fields = p.list("fields");
  if (!fields) return tl::unexpected(fields.error());
  std::vector<int> shown;
  bool show_id = true;
  if (*fields) {
    show_id = false;
    for (const auto& f : **fields) {
      if (f == "_id") {
        show_id = true;
        continue;
      }
      const int c = column_index(f);
      if (c < 0) return invalid("fields", fmt::format("field \"{}\" not in resource", f));
      shown.push_back(c);
    }
  } else {
    for (std::size_t i = 0; i < release->columns.size(); ++i) shown.push_back(static_cast<int>(i));
  }
  auto limit = p.integer("limit", 100, 0, site.datastore_rows_max);
  if (!limit) return tl::unexpected(limit.error());
  auto offset = p.integer("offset", 0, 0, 1 << 30);
  if (!offset) return tl::unexpected(offset.error());
  auto include_total = p.boolean("include_total", true);
  if (!include_total) return tl::unexpected(include_total.error());
  auto format = p.text("records_format", false, "objects");
  if (!format) return tl::unexpected(format.error());
  if (*format != "objects" && *format != "lists")
    return invalid("records_format", "Must be objects or lists");
  auto plain = p.boolean("plain", true);
  if (!plain) return tl::unexpected(plain.error());
  auto distinct = p.boolean("distinct", false);
  if (!distinct) return tl::unexpected(distinct.error());
  if (*distinct) return invalid("distinct", "Not supported");
  for (auto key : {"full_text", "language", "total_estimation_threshold"})
    if (p.get(key)) return invalid(key, "Not supported");
  auto sort = p.text("sort", false, "_id");
  if (!sort) return tl::unexpected(sort.error());
  std::vector<std::pair<int, bool>> order;  // column (-1 for _id), descending
  auto parsed_sort = sort_keys(*sort);
  if (!parsed_sort) return tl::unexpected(parsed_sort.error());
  for (const auto& k : *parsed_sort) {
    const int c = k.field == "_id" ? -1 : column_index(k.field);
    if (k.field != "_id" && c < 0)
      return invalid("sort", fmt::format("field \"{}\" not in resource", k.field));
    order.emplace_back(c, k.desc);
  }

  // Without filters, q or another order the rows are the release's own, in order: no selection.
  const bool every_row_in_order = conditions.empty() && q_text.empty() && q_fields.empty() &&
                                  order.size() == 1 && order[0].first == -1 && !order[0].second;
  std::vector<std::size_t> selected;
  if (!every_row_in_order) {
    for (std::size_t r = 0; r < release->rows.size(); ++r) {
      const auto& row = release->rows[r];
      bool keep = true;
      for (const auto& [c, wanted] : conditions)
        if (!matches_filter(row[c], wanted)) {
          keep = false;
          break;
        }
      if (keep && !q_text.empty()) {
        keep = false;
        for (const auto& cell : row)
          if (is_text(cell) && fold_for_search(cell.as_string()).find(q_text) != std::string::npos) {
            keep = true;
            break;
          }
      }
      for (const auto& [c, text] : q_fields)
        if (keep && fold_for_search(value_text(row[c])).find(text) == std::string::npos) keep = false;
      if (keep) selected.push_back(r);
    }
    std::stable_sort(selected.begin(), selected.end(), [&](std::size_t a, std::size_t b) {
      for (const auto& [c, desc] : order) {
        const int cmp =
            c < 0 ? (a < b ? -1 : a > b) : compare_values(release->rows[a][c], release->rows[b][c]);
        if (cmp != 0) return desc ? cmp > 0 : cmp < 0;
      }
      return a < b;
    });
  }
  const std::size_t total = every_row_in_order ? release->rows.size() : selected.size();
  const std::size_t first = std::min<std::size_t>(*offset, total);
  const std::size_t last = std::min<std::size_t>(first + *limit, total);
  const auto row_at = [&](std::size_t i) { return every_row_in_order ? i : selected[i]; };

  json::array field_list;
  if (show_id) field_list.push_back(json::object{{"id", "_id"}, {"type", "int"}});
  for (int c : shown) {
    const auto& col = release->columns[c];
    field_list.push_back(json::object{
        {"id", col.id},
        {"type", name(col.type)},
        {"info", json::object{{"label", col.label.vi}, {"notes", col.definition.vi}, {"unit", col.unit}}}});
  }
  // Whole records in objects format are the release's own serialized rows: no JSON built per request.
  const bool whole_records = *format == "objects" && !*fields;
  json::array records;
  if (!whole_records) {
    for (std::size_t i = first; i < last; ++i) {
      const auto r = row_at(i);
      if (*format == "objects") {
        json::object rec;
        if (show_id) rec["_id"] = static_cast<std::int64_t>(r + 1);
        for (int c : shown) rec[release->columns[c].id] = release->rows[r][c];
        records.push_back(std::move(rec));
      } else {
        json::array rec;
        if (show_id) rec.push_back(static_cast<std::int64_t>(r + 1));
        for (int c : shown) rec.push_back(release->rows[r][c]);
        records.push_back(std::move(rec));
      }
    }
  }
  json::object out{
      {"resource_id", *id},
      {"fields", std::move(field_list)},
      {"records_format", *format},
      {"limit", *limit},
      {"offset", *offset},
      {"sort", *sort},
      {"_links", json::object{{"start", fmt::format("/api/3/action/datastore_search?resource_id={}", *id)},
                              {"next", fmt::format("/api/3/action/datastore_search?resource_id={}&offset={}",
                                                   *id, *offset + *limit)}}}};
  if (*include_total) {
    out["total"] = total;
    out["total_was_estimated"] = false;
  }
  if (whole_records) {
    ActionResult result(std::move(out), "records");
    if (every_row_in_order && first < last) {
      result.parts.push_back(release->records_between(first, last));  // one run: a page
    } else {
      for (std::size_t i = first; i < last; ++i)
        result.parts.push_back(release->records_between(row_at(i), row_at(i) + 1));
    }
    result.keep.push_back(release);
    return result;
  }
  out["records"] = std::move(records);
  return ActionResult(json::value(std::move(out)));
}

// ---- the small actions ----

std::map<std::string, std::size_t> datasets_per(const CkanSite& site, bool by_publisher) {
  std::map<std::string, std::size_t> out;
  for (const auto& d : site.catalogue.datasets()) ++out[by_publisher ? d->meta.publisher : d->meta.theme];
  return out;
}

Outcome<json::value> package_list(const CkanSite& site, const Params& p) {
  if (auto ok = p.only({"limit", "offset"}); !ok) return tl::unexpected(ok.error());
  auto limit = p.integer("limit", 1 << 30, 0, 1 << 30);
  if (!limit) return tl::unexpected(limit.error());
  auto offset = p.integer("offset", 0, 0, 1 << 30);
  if (!offset) return tl::unexpected(offset.error());
  json::array out;
  const auto all = site.catalogue.datasets();
  for (std::size_t i = *offset; i < all.size() && out.size() < static_cast<std::size_t>(*limit); ++i)
    out.push_back(json::string(all[i]->meta.name));
  return json::value(std::move(out));
}

Outcome<json::value> package_show(const CkanSite& site, const Params& p) {
  if (auto ok = p.only({"id", "name_or_id", "use_default_schema", "include_tracking", "include_plugin_data"});
      !ok)
    return tl::unexpected(ok.error());
  auto id = p.text("id", p.get("name_or_id") == nullptr);
  if (!id) return tl::unexpected(id.error());
  if (id->empty()) id = p.text("name_or_id", true);
  if (!id) return tl::unexpected(id.error());
  const auto d = site.catalogue.find(*id);
  if (!d) return not_found("Dataset");
  return json::value(package_dict(site, *d));
}

Outcome<json::value> organization_list(const CkanSite& site, const Params& p, bool groups) {
  if (auto ok =
          p.only({"all_fields", "sort", "limit", "offset", "include_dataset_count", "include_extras",
                  "include_tags", "include_groups", "include_users", "organizations", "groups", "q", "type"});
      !ok)
    return tl::unexpected(ok.error());
  auto all_fields = p.boolean("all_fields", false);
  if (!all_fields) return tl::unexpected(all_fields.error());
  auto limit = p.integer("limit", 1000, 0, 1000);
  if (!limit) return tl::unexpected(limit.error());
  auto offset = p.integer("offset", 0, 0, 1 << 30);
  if (!offset) return tl::unexpected(offset.error());
  const auto counts = datasets_per(site, !groups);
  json::array out;
  std::size_t index = 0;
  const auto add = [&](const std::string& id, json::object dict) {
    if (index++ < static_cast<std::size_t>(*offset) || out.size() >= static_cast<std::size_t>(*limit)) return;
    if (*all_fields) {
      out.push_back(std::move(dict));
    } else {
      out.push_back(json::string(id));
    }
  };
  if (groups) {
    for (const auto& t : site.pack.themes) {
      auto it = counts.find(t.id);
      add(t.id, group_dict(t, it == counts.end() ? 0 : it->second));
    }
  } else {
    for (const auto& [code, n] : counts) add(code, organization_dict(site, code, n));
  }
  return json::value(std::move(out));
}

Outcome<json::value> organization_show(const CkanSite& site, const Params& p) {
  if (auto ok = p.only({"id", "include_datasets", "include_dataset_count", "include_extras", "include_users",
                        "include_groups", "include_tags", "include_followers"});
      !ok)
    return tl::unexpected(ok.error());
  auto id = p.text("id", true);
  if (!id) return tl::unexpected(id.error());
  auto include = p.boolean("include_datasets", false);
  if (!include) return tl::unexpected(include.error());
  const auto counts = datasets_per(site, true);
  auto it = counts.find(*id);
  if (it == counts.end()) return not_found("Organization");
  auto dict = organization_dict(site, *id, it->second);
  if (*include) {
    json::array packages;
    for (const auto& d : site.catalogue.datasets())
      if (d->meta.publisher == *id) packages.push_back(package_dict(site, *d));
    dict["packages"] = std::move(packages);
  }
  return json::value(std::move(dict));
}

Outcome<json::value> tag_list(const CkanSite& site, const Params& p) {
  if (auto ok = p.only({"query", "vocabulary_id", "all_fields"}); !ok) return tl::unexpected(ok.error());
  auto query = p.text("query", false, "");
  if (!query) return tl::unexpected(query.error());
  auto all_fields = p.boolean("all_fields", false);
  if (!all_fields) return tl::unexpected(all_fields.error());
  const auto folded = fold_for_search(*query);
  std::set<std::string> tags;
  for (const auto& d : site.catalogue.datasets())
    for (const auto& k : d->meta.keywords)
      if (folded.empty() || fold_for_search(k).find(folded) != std::string::npos) tags.insert(k);
  json::array out;
  for (const auto& t : tags) {
    if (*all_fields) {
      out.push_back(json::object{{"id", t}, {"name", t}, {"display_name", t}, {"vocabulary_id", nullptr}});
    } else {
      out.push_back(json::string(t));
    }
  }
  return json::value(std::move(out));
}

Outcome<json::value> resource_show(const CkanSite& site, const Params& p) {
  if (auto ok = p.only({"id", "include_tracking"}); !ok) return tl::unexpected(ok.error());
  auto id = p.text("id", true);
  if (!id) return tl::unexpected(id.error());
  for (auto f : kFormats) {
    const std::string suffix = "-" + std::string(f);
    if (id->size() <= suffix.size() || !id->ends_with(suffix)) continue;
    const auto d = site.catalogue.find(id->substr(0, id->size() - suffix.size()));
    const auto latest = d ? site.catalogue.latest(d->meta.name) : nullptr;
    if (!latest) break;
    int position = 0;
    for (auto g : kFormats) {
      if (g == f) return json::value(resource_dict(site, *d, latest, f, position));
      ++position;
    }
  }
  return not_found("Resource");
}

Outcome<json::value> status_show(const CkanSite& site, const Params& p) {
  if (auto ok = p.only({}); !ok) return tl::unexpected(ok.error());
  return json::value(json::object{{"site_title", site.pack.title.vi},
                                  {"site_description", site.pack.description.vi},
                                  {"site_url", site.base_url},
                                  {"ckan_version", "2.10.0"},
                                  {"sen_version", site.version},
                                  {"locale_default", "vi"},
                                  {"error_emails_to", nullptr},
                                  {"extensions", json::array{"datastore", "dcat"}}});
}

}  // namespace

std::shared_ptr<const PackageCache::Entry> PackageCache::get(const CkanSite& site, const Dataset& d) {
  const auto latest = site.catalogue.latest(d.meta.name);
  const std::string version =
      fmt::format("{}/{}", d.modified_at.time_since_epoch().count(), latest ? latest->number : 0);
  {
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(d.meta.name); it != entries_.end() && it->second->version == version)
      return it->second;
  }
  auto entry = std::make_shared<const Entry>(Entry{version, searchable_text(site, d),
                                                   fold_for_search(d.meta.title.vi + " " + d.meta.title.en),
                                                   json::serialize(package_dict(site, d))});
  std::lock_guard lock(mutex_);
  entries_[d.meta.name] = entry;
  return entry;
}

CkanAnswer ckan_action(const CkanSite& site, std::string_view action, const json::object& params) {
  const std::string help = fmt::format("{}/api/3/action/help_show?name={}", site.base_url, action);
  const Params p(params);
  Outcome<ActionResult> result;
  if (action == "package_list") {
    result = package_list(site, p);
  } else if (action == "package_search") {
    result = package_search(site, p);
  } else if (action == "package_show") {
    result = package_show(site, p);
  } else if (action == "organization_list") {
    result = organization_list(site, p, false);
  } else if (action == "organization_show") {
    result = organization_show(site, p);
  } else if (action == "group_list") {
    result = organization_list(site, p, true);
  } else if (action == "tag_list") {
    result = tag_list(site, p);
  } else if (action == "resource_show") {
    result = resource_show(site, p);
  } else if (action == "datastore_search") {
    result = datastore_search(site, p);
  } else if (action == "status_show") {
    result = status_show(site, p);
  } else {
    return CkanAnswer{
        400, json::serialize(json::object{
                 {"help", help},
                 {"success", false},
                 {"error", json::object{{"__type", "Bad request"},
                                        {"message",
                                         fmt::format("Bad request - Action name not known: {}", action)}}}})};
  }
  if (!result) {
    const auto& e = result.error();
    json::object error{{"__type", e.type}};
    if (e.field.empty()) {
      error["message"] = e.message;
    } else {
      error[e.field] = json::array{json::string(e.message)};
      error["message"] = e.field + ": " + e.message;
    }
    return CkanAnswer{e.status, json::serialize(json::object{
                                    {"help", help}, {"success", false}, {"error", std::move(error)}})};
  }
  const std::string head =
      R"({"help":)" + json::serialize(json::value(help)) + R"(,"success":true,"result":)";
  std::string result_text = json::serialize(result->value);
  if (result->spliced_member.empty()) return CkanAnswer{200, head + result_text + "}"};
  std::size_t size = head.size() + result_text.size() + result->spliced_member.size() + 8;
  for (const auto part : result->parts) size += part.size() + 1;
  std::string body;
  body.reserve(size);
  body += head;
  body.append(result_text, 0, result_text.size() - 1);  // without the result object's closing brace
  body += ",\"";
  body += result->spliced_member;
  body += "\":[";
  for (std::size_t i = 0; i < result->parts.size(); ++i) {
    if (i > 0) body += ',';
    body += result->parts[i];
  }
  body += "]}}";
  return CkanAnswer{200, std::move(body)};
}

}  // namespace sen::opendata
