#include "assessment/solution_register.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "core/json_parse.hpp"
#include "core/text_fold.hpp"
#include "services/procedure_results.hpp"

namespace sen::assessment {
namespace {

namespace json = boost::json;

std::int64_t int_member(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_int64() ? v->as_int64() : 0;
}

json::object text_json(const Text& t) { return json::object{{"vi", t.vi}, {"en", t.en}}; }

}  // namespace

std::string form_text(const json::object& form, std::string_view key) {
  const auto* v = form.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::optional<Solution> SolutionRegister::from_dossier(const std::string& code, const std::string& form,
                                                       const std::string& finished_at) const {
  boost::system::error_code ec;
  const json::value v = parse_json(form, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const auto& o = v.as_object();
  Solution s;
  s.code = code;
  s.name = form_text(o, "solution_name");
  s.provider = form_text(o, "provider_name");
  s.description = form_text(o, "description");
  s.website = form_text(o, "website");
  // The form was checked against the procedure's schema, whose lists are the programme's words.
  s.industry = programme_.industry_named(form_text(o, "industry")).value_or("");
  s.category = programme_.category_named(form_text(o, "category")).value_or("");
  s.price_min_vnd = int_member(o, "price_min_vnd");
  s.price_max_vnd = int_member(o, "price_max_vnd");
  if (const auto* g = o.if_contains("productivity_gain_percent"); g != nullptr && g->is_number())
    s.productivity_gain_percent = g->to_number<double>();
  if (const auto* ai = o.if_contains("ai_integrated"); ai != nullptr && ai->is_bool())
    s.ai_integrated = ai->as_bool();
  s.approved_at = finished_at;
  return s;
}

Result<std::vector<Solution>> SolutionRegister::search(const SolutionFilter& filter) {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto issued = services::issued_dossiers(**conn, programme_.solution_procedure);
  if (!issued) return tl::unexpected(issued.error());
  const std::string query = fold_for_search(filter.query);
  std::vector<Solution> out;
  for (const auto& d : *issued) {
    auto s = from_dossier(d.code, d.form, d.finished_at);
    if (!s) return fail_internal("the form of approved solution " + d.code + " does not parse");
    if (!filter.industry.empty() && s->industry != filter.industry) continue;
    if (!filter.category.empty() && s->category != filter.category) continue;
    if (!query.empty() &&
        fold_for_search(s->name + " " + s->provider + " " + s->description).find(query) == std::string::npos)
      continue;
    out.push_back(std::move(*s));
  }
  std::sort(out.begin(), out.end(), [](const Solution& a, const Solution& b) {
    return a.name != b.name ? a.name < b.name : a.code < b.code;
  });
  return out;
}

Result<std::optional<Solution>> SolutionRegister::get(storage::Connection& conn, const std::string& code) {
  auto d = services::issued_dossier(conn, programme_.solution_procedure, code);
  if (!d) return tl::unexpected(d.error());
  if (!*d) return std::optional<Solution>();
  return from_dossier((*d)->code, (*d)->form, (*d)->finished_at);
}

Result<std::optional<Solution>> SolutionRegister::get(const std::string& code) {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  return get(**conn, code);
}

json::object SolutionRegister::to_json(const Solution& s) const {
  const auto words = [](const std::map<std::string, Text>& m, const std::string& id) -> json::value {
    const auto it = m.find(id);
    if (it == m.end()) return nullptr;
    return json::object{{"id", id}, {"name", text_json(it->second)}};
  };
  return json::object{
      {"id", s.code},
      {"name", s.name},
      {"provider", s.provider},
      {"description", s.description},
      {"industry", words(programme_.industries, s.industry)},
      {"category", words(programme_.categories, s.category)},
      {"price_range", json::object{{"min_vnd", s.price_min_vnd}, {"max_vnd", s.price_max_vnd}}},
      {"productivity_gain_percent", s.productivity_gain_percent},
      {"ai_integrated", s.ai_integrated},
      {"website", s.website},
      {"approved_at", s.approved_at}};
}

SolutionsFor SolutionRegister::lookup() {
  return
      [this](const std::string& industry, const std::vector<std::string>& categories) -> Result<json::array> {
        auto found = search({industry, "", ""});
        if (!found) return tl::unexpected(found.error());
        json::array out;
        for (const auto& s : *found)
          if (std::find(categories.begin(), categories.end(), s.category) != categories.end())
            out.push_back(to_json(s));
        return out;
      };
}

}  // namespace sen::assessment
