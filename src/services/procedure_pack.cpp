#include "services/procedure_pack.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <system_error>
#include <utility>

#include "core/json_parse.hpp"
#include "core/json_reader.hpp"
#include "core/json_text.hpp"
#include "core/text_input.hpp"
#include "services/procedure_rules.hpp"

namespace sen::services {
namespace {

namespace json = boost::json;
using Names = JsonNames;

constexpr std::uintmax_t kMaxFileBytes = 1 << 20;  // a procedure is a few KB; refuse anything absurd
constexpr std::int64_t kMaxDays = 365;             // no procedure takes longer; more is a typo
constexpr std::int64_t kMaxFeeVnd = 1'000'000'000;
constexpr std::size_t kMaxIdLength = 64;
constexpr double kShareTolerance = 0.001;

constexpr std::array<std::string_view, 3> kLevels{"commune", "province", "ministry"};
constexpr std::array<std::string_view, 2> kApplicantTypes{"citizen", "business"};
constexpr std::array<std::string_view, 2> kOnlineLevels{"full", "partial"};
constexpr std::array<std::string_view, 3> kChannelKinds{"direct", "online", "postal"};
constexpr std::array<std::string_view, 3> kTimeUnits{"working_days", "calendar_days", "same_day"};
constexpr std::array<std::string_view, 4> kCopyKinds{"original", "copy", "certified_copy", "electronic"};
constexpr std::array<std::string_view, 3> kRoles{"receiving_officer", "processing_officer",
                                                 "approving_leader"};
// What the document upload accepts (checked by content there); anything else could never be attached.
constexpr std::array<std::string_view, 3> kMediaTypes{"application/pdf", "image/jpeg", "image/png"};

// National procedure code: one digit, a dot, six digits ("1.001193").
bool valid_code(std::string_view c) {
  if (c.size() != 8 || c[1] != '.') return false;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (i != 1 && (c[i] < '0' || c[i] > '9')) return false;
  }
  return true;
}

// Component and step ids appear in URLs and dossier data: [a-z0-9_]+.
bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  return std::all_of(id.begin(), id.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
  });
}

Result<TimeLimit> parse_time_limit(const JsonReader& r, const json::value& v, const std::string& path) {
  auto o = r.object(v, path);
  if (!o) return tl::unexpected(o.error());
  if (auto ok = r.only_keys(**o, path, {"unit", "value", "cutoff_hour"}); !ok)
    return tl::unexpected(ok.error());
  TimeLimit t;
  auto unit = r.one_of(**o, path, "unit", kTimeUnits);
  if (!unit) return tl::unexpected(unit.error());
  t.unit = std::move(*unit);
  // same_day has no day count; the others need at least one day.
  const bool same_day = t.unit == "same_day";
  auto value = r.integer(**o, path, "value", same_day ? 0 : 1, same_day ? 0 : kMaxDays);
  if (!value) return tl::unexpected(value.error());
  t.value = static_cast<int>(*value);
  const std::int64_t default_cutoff = TimeLimit{}.cutoff_hour;
  auto cutoff = r.integer(**o, path, "cutoff_hour", 1, 23, &default_cutoff);
  if (!cutoff) return tl::unexpected(cutoff.error());
  t.cutoff_hour = static_cast<int>(*cutoff);
  return t;
}

Result<TimeLimit> parse_time_limit_at(const JsonReader& r, const json::object& o, const std::string& path) {
  const json::value* limit = o.if_contains("time_limit");
  if (limit == nullptr) return r.error(JsonReader::join(path, "time_limit"), "missing required object");
  return parse_time_limit(r, *limit, JsonReader::join(path, "time_limit"));
}

// A fee in VND; null when the province sets it and the pack does not know it (channels only).
Result<std::optional<long long>> parse_fee(const JsonReader& r, const json::object& o,
                                           const std::string& path, bool nullable) {
  const json::value* v = o.if_contains("fee_vnd");
  if (nullable && v != nullptr && v->is_null()) return std::optional<long long>();
  auto fee = r.integer(o, path, "fee_vnd", 0, kMaxFeeVnd);
  if (!fee) return tl::unexpected(fee.error());
  return std::optional<long long>(*fee);
}

bool valid_province(std::string_view p) {
  return p.size() == 2 && p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9';
}

Result<std::optional<std::chrono::year_month_day>> parse_date_key(const JsonReader& r, const json::object& o,
                                                                  const std::string& path,
                                                                  std::string_view key) {
  auto text = r.string(o, path, key, false);
  if (!text) return tl::unexpected(text.error());
  if (text->empty()) return std::optional<std::chrono::year_month_day>();
  auto day = parse_day(*text);
  if (!day) return r.error(JsonReader::join(path, key), shown(*text) + " is not a date like \"2026-07-01\"");
  return day;
}

Result<ChannelRule> parse_rule(const JsonReader& r, const json::value& v, const std::string& path) {
  auto o = r.object(v, path);
  if (!o) return tl::unexpected(o.error());
  if (auto ok = r.only_keys(
          **o, path,
          {"province", "effective_from", "effective_until", "time_limit", "fee_vnd", "fee_note", "source"});
      !ok) {
    return tl::unexpected(ok.error());
  }
  ChannelRule rule;
  auto province = r.string(**o, path, "province", false);
  if (!province) return tl::unexpected(province.error());
  if (!province->empty() && !valid_province(*province)) {
    return r.error(JsonReader::join(path, "province"), shown(*province) + " is not a 2-digit province code");
  }
  rule.province = std::move(*province);
  auto from = parse_date_key(r, **o, path, "effective_from");
  if (!from) return tl::unexpected(from.error());
  rule.effective_from = *from;
  auto until = parse_date_key(r, **o, path, "effective_until");
  if (!until) return tl::unexpected(until.error());
  rule.effective_until = *until;
  if (rule.effective_from && rule.effective_until && *rule.effective_until < *rule.effective_from) {
    return r.error(JsonReader::join(path, "effective_until"), "is before effective_from");
  }
  if ((*o)->contains("time_limit")) {
    auto limit = parse_time_limit_at(r, **o, path);
    if (!limit) return tl::unexpected(limit.error());
    rule.time_limit = *limit;
  }
  if ((*o)->contains("fee_vnd")) {
    auto fee = parse_fee(r, **o, path, false);
    if (!fee) return tl::unexpected(fee.error());
    rule.fee_vnd = *fee;
  }
  if ((*o)->contains("fee_note")) {
    if (!rule.fee_vnd)
      return r.error(JsonReader::join(path, "fee_note"), "only a rule that sets fee_vnd has one");
    auto note = r.string(**o, path, "fee_note", false);
    if (!note) return tl::unexpected(note.error());
    rule.fee_note = std::move(*note);
  }
  if (!rule.time_limit && !rule.fee_vnd) return r.error(path, "a rule must set time_limit or fee_vnd");
  auto source = r.string(**o, path, "source", true);
  if (!source) return tl::unexpected(source.error());
  rule.source = std::move(*source);
  return rule;
}

Result<Channel> parse_channel(const JsonReader& r, const json::value& v, const std::string& path) {
  auto o = r.object(v, path);
  if (!o) return tl::unexpected(o.error());
  if (auto ok = r.only_keys(**o, path, {"kind", "time_limit", "fee_vnd", "fee_note", "rules"}); !ok) {
    return tl::unexpected(ok.error());
  }
  Channel c;
  auto kind = r.one_of(**o, path, "kind", kChannelKinds);
  if (!kind) return tl::unexpected(kind.error());
  c.kind = std::move(*kind);
  auto time_limit = parse_time_limit_at(r, **o, path);
  if (!time_limit) return tl::unexpected(time_limit.error());
  c.time_limit = *time_limit;
  auto fee = parse_fee(r, **o, path, true);
  if (!fee) return tl::unexpected(fee.error());
  c.fee_vnd = *fee;
  auto note = r.string(**o, path, "fee_note", false);
  if (!note) return tl::unexpected(note.error());
  c.fee_note = std::move(*note);
  auto rules = r.array(**o, path, "rules", false);
  if (!rules) return tl::unexpected(rules.error());
  if (*rules != nullptr) {
    for (std::size_t i = 0; i < (*rules)->size(); ++i) {
      auto rule = parse_rule(r, (**rules)[i], JsonReader::index(JsonReader::join(path, "rules"), i));
      if (!rule) return tl::unexpected(rule.error());
      c.rules.push_back(std::move(*rule));
    }
  }
  return c;
}

Result<Routing> parse_routing(const JsonReader& r, const json::object& root) {
  const std::string path = "handled_by";
  const json::value* v = root.if_contains(path);
  if (v == nullptr) return r.error(path, "missing required object");
  auto o = r.object(*v, path);
  if (!o) return tl::unexpected(o.error());
  if (auto ok = r.only_keys(**o, path, {"kind", "overrides"}); !ok) return tl::unexpected(ok.error());
  Routing routing;
  auto kind = r.string(**o, path, "kind", true);
  if (!kind) return tl::unexpected(kind.error());
  if (!valid_id(*kind)) {
    return r.error(JsonReader::join(path, "kind"),
                   shown(*kind) + " must be lowercase letters, digits or '_'");
  }
  routing.kind = std::move(*kind);
  auto overrides = r.array(**o, path, "overrides", false);
  if (!overrides) return tl::unexpected(overrides.error());
  if (*overrides == nullptr) return routing;
  for (std::size_t i = 0; i < (*overrides)->size(); ++i) {
    const std::string item_path = JsonReader::index(JsonReader::join(path, "overrides"), i);
    auto item = r.object((**overrides)[i], item_path);
    if (!item) return tl::unexpected(item.error());
    if (auto ok = r.only_keys(**item, item_path, {"province", "kind"}); !ok)
      return tl::unexpected(ok.error());
    auto province = r.string(**item, item_path, "province", true);
    if (!province) return tl::unexpected(province.error());
    if (!valid_province(*province)) {
      return r.error(JsonReader::join(item_path, "province"),
                     shown(*province) + " is not a 2-digit province code");
    }
    for (const auto& earlier : routing.overrides) {
      if (earlier.province == *province) {
        return r.error(JsonReader::join(item_path, "province"), "duplicate " + shown(*province));
      }
    }
    auto item_kind = r.string(**item, item_path, "kind", true);
    if (!item_kind) return tl::unexpected(item_kind.error());
    if (!valid_id(*item_kind)) {
      return r.error(JsonReader::join(item_path, "kind"),
                     shown(*item_kind) + " must be lowercase letters, digits or '_'");
    }
    routing.overrides.push_back({std::move(*province), std::move(*item_kind)});
  }
  return routing;
}

Result<Component> parse_component(const JsonReader& r, const json::value& v, const std::string& path) {
  auto o = r.object(v, path);
  if (!o) return tl::unexpected(o.error());
  if (auto ok = r.only_keys(
          **o, path,
          {"id", "name", "form_template", "copy_kind", "required", "reusable_from", "accepted_types"});
      !ok) {
    return tl::unexpected(ok.error());
  }
  Component c;
  auto id = r.string(**o, path, "id", true);
  if (!id) return tl::unexpected(id.error());
  if (!valid_id(*id)) {
    return r.error(JsonReader::join(path, "id"),
                   shown(*id) + " must be lowercase letters, digits or '_' (at most 64)");
  }
  c.id = std::move(*id);
  auto name = r.string(**o, path, "name", true);
  if (!name) return tl::unexpected(name.error());
  c.name = std::move(*name);
  auto form_template = r.string(**o, path, "form_template", false);
  if (!form_template) return tl::unexpected(form_template.error());
  c.form_template = std::move(*form_template);
  auto copy_kind = r.one_of(**o, path, "copy_kind", kCopyKinds);
  if (!copy_kind) return tl::unexpected(copy_kind.error());
  c.copy_kind = std::move(*copy_kind);
  auto required = r.boolean(**o, path, "required", true);
  if (!required) return tl::unexpected(required.error());
  c.required = *required;

  auto reusable = r.strings(**o, path, "reusable_from", false);
  if (!reusable) return tl::unexpected(reusable.error());
  for (std::size_t i = 0; i < reusable->size(); ++i) {
    if (!valid_code((*reusable)[i])) {
      return r.error(JsonReader::index(JsonReader::join(path, "reusable_from"), i),
                     shown((*reusable)[i]) + " is not a procedure code like \"1.001193\"");
    }
  }
  c.reusable_from = std::move(*reusable);

  auto types = r.strings(**o, path, "accepted_types", false,
                         std::vector<std::string>(kMediaTypes.begin(), kMediaTypes.end()));
  if (!types) return tl::unexpected(types.error());
  const std::string types_path = JsonReader::join(path, "accepted_types");
  if (types->empty()) return r.error(types_path, "must not be empty");
  for (std::size_t i = 0; i < types->size(); ++i) {
    if (!names_contain(kMediaTypes, (*types)[i])) {
      return r.error(JsonReader::index(types_path, i), "must be one of " + names_list(kMediaTypes));
    }
  }
  c.accepted_types = std::move(*types);
  return c;
}

Result<Step> parse_step(const JsonReader& r, const json::value& v, const std::string& path) {
  auto o = r.object(v, path);
  if (!o) return tl::unexpected(o.error());
  if (auto ok = r.only_keys(**o, path, {"id", "name", "role", "share", "issues_result"}); !ok) {
    return tl::unexpected(ok.error());
  }
  Step s;
  auto id = r.string(**o, path, "id", true);
  if (!id) return tl::unexpected(id.error());
  if (!valid_id(*id)) {
    return r.error(JsonReader::join(path, "id"),
                   shown(*id) + " must be lowercase letters, digits or '_' (at most 64)");
  }
  s.id = std::move(*id);
  auto name = r.string(**o, path, "name", true);
  if (!name) return tl::unexpected(name.error());
  s.name = std::move(*name);
  auto role = r.one_of(**o, path, "role", kRoles);
  if (!role) return tl::unexpected(role.error());
  s.role = std::move(*role);

  const json::value* share = (*o)->if_contains("share");
  const std::string share_path = JsonReader::join(path, "share");
  if (share == nullptr) return r.error(share_path, "missing required number");
  if (!share->is_number()) return r.error(share_path, "must be a number, not " + json_type_name(*share));
  s.share = share->to_number<double>();
  if (!(s.share > 0 && s.share <= 1)) return r.error(share_path, "must be greater than 0 and at most 1");

  auto issues = r.boolean(**o, path, "issues_result", false);
  if (!issues) return tl::unexpected(issues.error());
  s.issues_result = *issues;
  return s;
}

// Rules across steps: the time split must add up, intake comes first, and exactly one approval issues
// the signed result.
Status check_workflow(const JsonReader& r, const std::vector<Step>& steps) {
  double total = 0;
  for (const auto& s : steps) total += s.share;
  if (std::abs(total - 1.0) > kShareTolerance) {
    std::array<char, 32> shown_total{};
    std::snprintf(shown_total.data(), shown_total.size(), "%.4g", total);
    return r.error("steps", std::string("shares add up to ") + shown_total.data() + ", not 1");
  }
  if (steps.front().role != "receiving_officer") {
    return r.error("steps[0].role", "the first step must be the receiving_officer's (intake)");
  }
  std::size_t issuing = steps.size();
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (!steps[i].issues_result) continue;
    const std::string path = JsonReader::index("steps", i) + ".issues_result";
    if (issuing != steps.size()) {
      return r.error(path,
                     "only one step may issue the result (also " + JsonReader::index("steps", issuing) + ")");
    }
    if (steps[i].role != "approving_leader")
      return r.error(path, "only an approving_leader step may issue the result");
    issuing = i;
  }
  if (issuing == steps.size()) return r.error("steps", "no step has \"issues_result\": true");
  return {};
}

// Parses each element of a required array (non-empty unless `allow_empty`) with `parse`, rejecting
// repeated `key_of` values.
template <class T, class Parse, class Key>
Result<std::vector<T>> parse_list(const JsonReader& r, const json::object& o, std::string_view key,
                                  bool allow_empty, std::string_view key_field, Parse parse, Key key_of) {
  auto arr = r.array(o, "", key, true);
  if (!arr) return tl::unexpected(arr.error());
  const std::string path(key);
  if ((*arr)->empty() && !allow_empty) return r.error(path, "must not be empty");
  std::vector<T> out;
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < (*arr)->size(); ++i) {
    const std::string item_path = JsonReader::index(path, i);
    auto item = parse(r, (**arr)[i], item_path);
    if (!item) return tl::unexpected(item.error());
    const auto [it, inserted] = seen.emplace(key_of(*item), i);
    if (!inserted) {
      return r.error(JsonReader::join(item_path, key_field),
                     "duplicate " + shown(it->first) + " (also " + JsonReader::index(path, it->second) + ")");
    }
    out.push_back(std::move(*item));
  }
  return out;
}

Result<std::string> read_file(const std::filesystem::path& file) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) return fail_internal("cannot stat " + file.string() + ": " + ec.message());
  if (size > kMaxFileBytes) {
    return fail(ErrorCode::kInvalidArgument, file.filename().string() + ": file too large for a procedure (" +
                                                 std::to_string(size) + " bytes)");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail_internal("cannot open " + file.string());
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return fail_internal("cannot read " + file.string());
  return text;
}

json::array to_array(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& s : items) out.emplace_back(s);
  return out;
}

}  // namespace

Result<Procedure> parse_procedure(std::string_view json_text, std::string_view origin) {
  const JsonReader r(origin);
  json::error_code ec;
  const json::value root = parse_json(json_text, ec);
  if (ec) return fail(ErrorCode::kMalformedJson, std::string(origin) + ": not valid JSON: " + ec.message());
  if (!root.is_object()) return r.error("", "top level must be an object, not " + json_type_name(root));
  const json::object& o = root.as_object();
  if (auto ok = r.only_keys(o, "", {"code",         "name",        "sector",          "level",
                                    "agency",       "handled_by",  "applicant_types", "online_level",
                                    "channels",     "components",  "conditions",      "result",
                                    "result_title", "legal_basis", "form_schema",     "form_rules",
                                    "steps",        "source_note", "sources",         "version"});
      !ok) {
    return tl::unexpected(ok.error());
  }

  Procedure p;
  auto code = r.string(o, "", "code", true);
  if (!code) return tl::unexpected(code.error());
  if (!valid_code(*code)) return r.error("code", shown(*code) + " is not a procedure code like \"1.001193\"");
  p.code = std::move(*code);
  auto name = r.string(o, "", "name", true);
  if (!name) return tl::unexpected(name.error());
  p.name = std::move(*name);
  auto sector = r.string(o, "", "sector", true);
  if (!sector) return tl::unexpected(sector.error());
  p.sector = std::move(*sector);
  auto level = r.one_of(o, "", "level", kLevels);
  if (!level) return tl::unexpected(level.error());
  p.level = std::move(*level);
  auto agency = r.string(o, "", "agency", true);
  if (!agency) return tl::unexpected(agency.error());
  p.agency = std::move(*agency);
  auto routing = parse_routing(r, o);
  if (!routing) return tl::unexpected(routing.error());
  p.handled_by = std::move(*routing);

  auto applicants = r.strings(o, "", "applicant_types", true);
  if (!applicants) return tl::unexpected(applicants.error());
  for (std::size_t i = 0; i < applicants->size(); ++i) {
    if (!names_contain(kApplicantTypes, (*applicants)[i])) {
      return r.error(JsonReader::index("applicant_types", i),
                     "must be one of " + names_list(kApplicantTypes));
    }
  }
  p.applicant_types = std::move(*applicants);
  auto online_level = r.one_of(o, "", "online_level", kOnlineLevels);
  if (!online_level) return tl::unexpected(online_level.error());
  p.online_level = std::move(*online_level);

  auto channels = parse_list<Channel>(r, o, "channels", false, "kind", parse_channel,
                                      [](const Channel& c) { return c.kind; });
  if (!channels) return tl::unexpected(channels.error());
  p.channels = std::move(*channels);
  // A dossier may need no uploads at all (everything comes from national databases).
  auto components = parse_list<Component>(r, o, "components", true, "id", parse_component,
                                          [](const Component& c) { return c.id; });
  if (!components) return tl::unexpected(components.error());
  p.components = std::move(*components);

  auto conditions = r.string(o, "", "conditions", false);
  if (!conditions) return tl::unexpected(conditions.error());
  p.conditions = std::move(*conditions);
  auto result = r.string(o, "", "result", true);
  if (!result) return tl::unexpected(result.error());
  p.result = std::move(*result);
  auto result_title = r.string(o, "", "result_title", true);
  if (!result_title) return tl::unexpected(result_title.error());
  if (has_line_break(*result_title)) return r.error("result_title", "must be one line");
  p.result_title = std::move(*result_title);
  auto legal_basis = r.strings(o, "", "legal_basis", true);
  if (!legal_basis) return tl::unexpected(legal_basis.error());
  p.legal_basis = std::move(*legal_basis);

  const json::value* schema = o.if_contains("form_schema");
  if (schema == nullptr) return r.error("form_schema", "missing required object");
  if (!schema->is_object())
    return r.error("form_schema", "must be an object, not " + json_type_name(*schema));
  p.form_schema = *schema;
  auto rules = parse_form_rules(r, o, p.form_schema);
  if (!rules) return tl::unexpected(rules.error());
  p.form_rules = std::move(*rules);

  auto steps = parse_list<Step>(r, o, "steps", false, "id", parse_step, [](const Step& s) { return s.id; });
  if (!steps) return tl::unexpected(steps.error());
  if (auto ok = check_workflow(r, *steps); !ok) return tl::unexpected(ok.error());
  p.steps = std::move(*steps);

  auto source_note = r.string(o, "", "source_note", false);
  if (!source_note) return tl::unexpected(source_note.error());
  p.source_note = std::move(*source_note);
  auto sources = r.strings(o, "", "sources", true);
  if (!sources) return tl::unexpected(sources.error());
  p.sources = std::move(*sources);
  auto version = r.integer(o, "", "version", 1, std::numeric_limits<int>::max());
  if (!version) return tl::unexpected(version.error());
  p.version = static_cast<int>(*version);
  return p;
}

Result<std::vector<Procedure>> load_procedure_directory(const std::filesystem::path& dir) {
  auto listed = json_files_in(dir, "procedure");
  if (!listed) return tl::unexpected(listed.error());
  const std::vector<std::filesystem::path>& files = *listed;

  // Errors found across files name the file like parse errors do, with its full path for the log.
  const auto file_error = [&dir](const std::string& name, const std::string& path,
                                 const std::string& problem) {
    auto e = JsonReader(name).error(path, problem);
    e.value().internal = (dir / name).string();
    return e;
  };
  std::vector<Procedure> out;
  std::map<std::string, std::string> origin_of;  // code -> file name
  for (const auto& file : files) {
    const std::string name = file.filename().string();
    auto text = read_file(file);
    if (!text) return tl::unexpected(text.error());
    auto parsed = parse_procedure(*text, name);
    if (!parsed) {
      parsed.error().internal = file.string();
      return tl::unexpected(parsed.error());
    }
    // 1.004194.json holding "1.004222" is a copy-paste slip; other names are free-form.
    const std::string stem = file.stem().string();
    if (valid_code(stem) && stem != parsed->code) {
      return file_error(name, "code", shown(parsed->code) + " does not match the file name");
    }
    const auto [it, inserted] = origin_of.emplace(parsed->code, name);
    if (!inserted) {
      return file_error(name, "code", shown(parsed->code) + " is already defined in " + it->second);
    }
    out.push_back(std::move(*parsed));
  }
  // Reuse works by attaching the result of an earlier dossier, so the referenced procedure must exist.
  for (const auto& p : out) {
    for (std::size_t c = 0; c < p.components.size(); ++c) {
      const auto& from = p.components[c].reusable_from;
      for (std::size_t i = 0; i < from.size(); ++i) {
        if (origin_of.count(from[i]) == 0) {
          return file_error(origin_of.at(p.code),
                            JsonReader::index(JsonReader::index("components", c) + ".reusable_from", i),
                            "no procedure " + shown(from[i]) + " in this directory");
        }
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const Procedure& a, const Procedure& b) { return a.code < b.code; });
  return out;
}

json::object time_limit_to_json(const TimeLimit& t) {
  return json::object{{"unit", t.unit}, {"value", t.value}, {"cutoff_hour", t.cutoff_hour}};
}

json::value fee_to_json(const std::optional<long long>& fee) {
  return fee ? json::value(*fee) : json::value(nullptr);
}

json::object procedure_to_json(const Procedure& p) {
  json::array channels;
  for (const auto& c : p.channels) {
    json::array rules;
    for (const auto& rule : c.rules) {
      json::object o;
      if (!rule.province.empty()) o["province"] = rule.province;
      if (rule.effective_from) o["effective_from"] = format_day(*rule.effective_from);
      if (rule.effective_until) o["effective_until"] = format_day(*rule.effective_until);
      if (rule.time_limit) o["time_limit"] = time_limit_to_json(*rule.time_limit);
      if (rule.fee_vnd) o["fee_vnd"] = *rule.fee_vnd;
      if (rule.fee_note) o["fee_note"] = *rule.fee_note;
      o["source"] = rule.source;
      rules.push_back(std::move(o));
    }
    channels.push_back(json::object{{"kind", c.kind},
                                    {"time_limit", time_limit_to_json(c.time_limit)},
                                    {"fee_vnd", fee_to_json(c.fee_vnd)},
                                    {"fee_note", c.fee_note},
                                    {"rules", std::move(rules)}});
  }
  json::array overrides;
  for (const auto& o : p.handled_by.overrides) {
    overrides.push_back(json::object{{"province", o.province}, {"kind", o.kind}});
  }
  json::array components;
  for (const auto& c : p.components) {
    components.push_back(json::object{{"id", c.id},
                                      {"name", c.name},
                                      {"form_template", c.form_template},
                                      {"copy_kind", c.copy_kind},
                                      {"required", c.required},
                                      {"reusable_from", to_array(c.reusable_from)},
                                      {"accepted_types", to_array(c.accepted_types)}});
  }
  json::array steps;
  for (const auto& s : p.steps) {
    steps.push_back(json::object{{"id", s.id},
                                 {"name", s.name},
                                 {"role", s.role},
                                 {"share", s.share},
                                 {"issues_result", s.issues_result}});
  }
  return json::object{
      {"code", p.code},
      {"name", p.name},
      {"sector", p.sector},
      {"level", p.level},
      {"agency", p.agency},
      {"handled_by", json::object{{"kind", p.handled_by.kind}, {"overrides", std::move(overrides)}}},
      {"applicant_types", to_array(p.applicant_types)},
      {"online_level", p.online_level},
      {"channels", std::move(channels)},
      {"components", std::move(components)},
      {"conditions", p.conditions},
      {"result", p.result},
      {"result_title", p.result_title},
      {"legal_basis", to_array(p.legal_basis)},
      {"form_schema", p.form_schema},
      {"form_rules", form_rules_json(p.form_rules)},
      {"steps", std::move(steps)},
      {"source_note", p.source_note},
      {"sources", to_array(p.sources)},
      {"version", p.version}};
}

}  // namespace sen::services
