#include "assessment/programme.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "core/json_parse.hpp"
#include "core/json_reader.hpp"

namespace sen::assessment {
namespace {

namespace json = boost::json;

Result<Text> text_at(const JsonReader& r, const json::value& v, const std::string& path) {
  auto o = r.object(v, path);
  if (!o) return tl::unexpected(o.error());
  if (auto ok = r.only_keys(**o, path, {"vi", "en"}); !ok) return tl::unexpected(ok.error());
  auto vi = r.string(**o, path, "vi", true);
  if (!vi) return tl::unexpected(vi.error());
  auto en = r.string(**o, path, "en", true);
  if (!en) return tl::unexpected(en.error());
  return Text{*vi, *en};
}

Result<std::map<std::string, Text>> words(const JsonReader& r, const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return r.error(std::string(key), "missing required object");
  auto obj = r.object(*v, std::string(key));
  if (!obj) return tl::unexpected(obj.error());
  std::map<std::string, Text> out;
  for (const auto& kv : **obj) {
    auto t = text_at(r, kv.value(), JsonReader::join(std::string(key), kv.key()));
    if (!t) return tl::unexpected(t.error());
    out.emplace(std::string(kv.key()), *t);
  }
  return out;
}

Result<double> number_at(const JsonReader& r, const json::object& o, const std::string& path,
                         std::string_view key, double min, double max) {
  const json::value* v = o.if_contains(key);
  const auto p = JsonReader::join(path, key);
  if (v == nullptr || !v->is_number()) return r.error(p, "must be a number");
  const double d = v->to_number<double>();
  if (d < min || d > max) return r.error(p, "is out of range");
  return d;
}

std::optional<std::string> named(const std::map<std::string, Text>& m, const std::string& vi) {
  for (const auto& [id, t] : m)
    if (t.vi == vi) return id;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> Programme::industry_named(const std::string& vi) const {
  return named(industries, vi);
}
std::optional<std::string> Programme::category_named(const std::string& vi) const {
  return named(categories, vi);
}

const SupportRule* Programme::rule_for(const std::string& size) const {
  for (const auto& r : support_rules)
    if (std::find(r.sizes.begin(), r.sizes.end(), size) != r.sizes.end()) return &r;
  return nullptr;
}

Result<Programme> load_programme(const std::filesystem::path& file, const FrameworkRegistry& frameworks) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(ErrorCode::kInvalidArgument, "cannot read " + file.string());
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string origin = file.filename().string();
  const JsonReader r(origin);
  boost::system::error_code ec;
  const json::value root = parse_json(buffer.str(), ec);
  if (ec) return fail(ErrorCode::kInvalidArgument, origin + ": not valid JSON: " + ec.message());
  auto o = r.object(root, "");
  if (!o) return tl::unexpected(o.error());
  if (auto ok = r.only_keys(**o, "",
                            {"solution_procedure", "support_procedure", "industries", "categories", "support",
                             "targets_2030", "notes", "sources"});
      !ok)
    return tl::unexpected(ok.error());
  Programme p;
  auto solution = r.string(**o, "", "solution_procedure", true);
  if (!solution) return tl::unexpected(solution.error());
  p.solution_procedure = *solution;
  auto support = r.string(**o, "", "support_procedure", true);
  if (!support) return tl::unexpected(support.error());
  p.support_procedure = *support;
  auto industries = words(r, **o, "industries");
  if (!industries) return tl::unexpected(industries.error());
  p.industries = *industries;
  auto categories = words(r, **o, "categories");
  if (!categories) return tl::unexpected(categories.error());
  p.categories = *categories;
  auto notes = (*o)->if_contains("notes");
  if (notes == nullptr) return r.error("notes", "missing required text");
  auto notes_text = text_at(r, *notes, "notes");
  if (!notes_text) return tl::unexpected(notes_text.error());
  p.notes = *notes_text;
  auto sources = r.strings(**o, "", "sources", true);
  if (!sources) return tl::unexpected(sources.error());
  p.sources = *sources;

  const json::value* sv = (*o)->if_contains("support");
  if (sv == nullptr) return r.error("support", "missing required object");
  auto so = r.object(*sv, "support");
  if (!so) return tl::unexpected(so.error());
  if (auto ok = r.only_keys(**so, "support", {"framework", "assessment_max_age_days", "rules"}); !ok)
    return tl::unexpected(ok.error());
  auto fw = r.string(**so, "support", "framework", true);
  if (!fw) return tl::unexpected(fw.error());
  if (frameworks.latest(*fw) == nullptr) return r.error("support.framework", "no framework \"" + *fw + "\"");
  p.support_framework = *fw;
  auto age = r.integer(**so, "support", "assessment_max_age_days", 1, 3650);
  if (!age) return tl::unexpected(age.error());
  p.assessment_max_age_days = static_cast<int>(*age);
  auto rules = r.array(**so, "support", "rules", true);
  if (!rules) return tl::unexpected(rules.error());
  for (std::size_t i = 0; i < (*rules)->size(); ++i) {
    const auto path = JsonReader::index("support.rules", i);
    auto ro = r.object((**rules)[i], path);
    if (!ro) return tl::unexpected(ro.error());
    if (auto ok = r.only_keys(**ro, path, {"sizes", "share", "cap_vnd"}); !ok)
      return tl::unexpected(ok.error());
    SupportRule rule;
    auto sizes = r.strings(**ro, path, "sizes", true);
    if (!sizes) return tl::unexpected(sizes.error());
    for (const auto& s : *sizes) {
      if (std::find(std::begin(kSizes), std::end(kSizes), s) == std::end(kSizes))
        return r.error(JsonReader::join(path, "sizes"), "unknown size \"" + s + "\"");
      if (p.rule_for(s) != nullptr)
        return r.error(JsonReader::join(path, "sizes"), "size \"" + s + "\" has two rules");
    }
    rule.sizes = *sizes;
    auto share = number_at(r, **ro, path, "share", 0.01, 1);
    if (!share) return tl::unexpected(share.error());
    rule.share = *share;
    auto cap = r.integer(**ro, path, "cap_vnd", 1, 1000000000000LL);
    if (!cap) return tl::unexpected(cap.error());
    rule.cap_vnd = *cap;
    p.support_rules.push_back(std::move(rule));
  }

  const json::value* tv = (*o)->if_contains("targets_2030");
  if (tv == nullptr) return r.error("targets_2030", "missing required object");
  auto to = r.object(*tv, "targets_2030");
  if (!to) return tl::unexpected(to.error());
  if (auto ok = r.only_keys(**to, "targets_2030", {"framework", "levels"}); !ok)
    return tl::unexpected(ok.error());
  auto tfw = r.string(**to, "targets_2030", "framework", true);
  if (!tfw) return tl::unexpected(tfw.error());
  const Framework* target_framework = frameworks.latest(*tfw);
  if (target_framework == nullptr || !target_framework->levels)
    return r.error("targets_2030.framework", "no framework with levels \"" + *tfw + "\"");
  p.targets_framework = *tfw;
  const json::value* lv = (*to)->if_contains("levels");
  if (lv == nullptr || !lv->is_object()) return r.error("targets_2030.levels", "must be an object");
  for (const auto& kv : lv->as_object()) {
    const std::string level(kv.key());
    const auto path = JsonReader::join("targets_2030.levels", level);
    if (target_framework->levels->index_of(level) < 0) return r.error(path, "not a level of " + *tfw);
    if (!kv.value().is_int64() || kv.value().as_int64() < 0) return r.error(path, "must be a count");
    p.targets[level] = kv.value().as_int64();
  }

  for (const auto* f : frameworks.latest_all()) {
    for (const auto& ind : f->industries)
      if (!p.industries.contains(ind.id))
        return r.error("industries", "no words for industry \"" + ind.id + "\" of " + f->code);
    for (const auto& [industry, catalogue] : f->catalogues)
      for (const auto& t : catalogue.tools)
        if (!p.categories.contains(t.category))
          return r.error("categories", "no words for category \"" + t.category + "\" of " + f->code);
    for (const auto& rec : f->recommendations)
      for (const auto& c : rec.categories)
        if (!p.categories.contains(c))
          return r.error("categories",
                         "no words for category \"" + c + "\" of " + f->code + " recommendation " + rec.id);
  }
  return p;
}

}  // namespace sen::assessment
