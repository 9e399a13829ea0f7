// The procedure catalogue: public search and reading; national administrators edit definitions.
#include <boost/json.hpp>

#include "core/json_schema.hpp"
#include "http/api.hpp"
#include "http/api_support.hpp"
#include "http/authentication.hpp"
#include "services/procedure_pack.hpp"
#include "services/procedure_rules.hpp"

namespace sen::http {
namespace {

namespace json = boost::json;

// Where and when the catalogue's terms apply: today (Vietnam time) and the province of `place=`.
struct TermsScope {
  std::chrono::year_month_day day;
  std::string province;
};

// Each channel's time limit and fee in force in `scope`, beside the dated rules they come from.
void add_terms_in_force(json::object& procedure, const services::Procedure& p, const TermsScope& scope) {
  auto& channels = procedure["channels"].as_array();
  for (std::size_t i = 0; i < p.channels.size(); ++i) {
    const auto terms = services::terms_in_force(p.channels[i], scope.day, scope.province);
    channels[i].as_object()["in_force"] =
        json::object{{"time_limit", services::time_limit_to_json(terms.time_limit)},
                     {"fee_vnd", services::fee_to_json(terms.fee_vnd)},
                     {"fee_note", terms.fee_note}};
  }
  procedure["terms_on"] =
      json::object{{"date", services::format_day(scope.day)},
                   {"province", scope.province.empty() ? json::value(nullptr) : json::value(scope.province)}};
}

json::object summary_json(const services::Procedure& p, const TermsScope& scope) {
  json::array channels;
  for (const auto& c : p.channels) {
    channels.push_back(json::object{{"kind", c.kind},
                                    {"time_limit", services::time_limit_to_json(c.time_limit)},
                                    {"fee_vnd", services::fee_to_json(c.fee_vnd)}});
  }
  json::object out{{"code", p.code},
                   {"name", p.name},
                   {"sector", p.sector},
                   {"level", p.level},
                   {"agency", p.agency},
                   {"online_level", p.online_level},
                   {"channels", std::move(channels)}};
  add_terms_in_force(out, p, scope);
  return out;
}

// The place named by `place=` (none when absent); kInvalidArgument naming `place` when unknown.
Result<std::optional<places::Place>> place_param(const places::PlaceRepository& places, const Request& r) {
  const auto code = r.query_param("place").value_or("");
  if (code.empty()) return std::optional<places::Place>();
  auto place = places.get(std::string(code));
  if (!place) return fail(ErrorCode::kInvalidArgument, "No place with this code", "place");
  return std::optional<places::Place>(std::move(*place));
}

TermsScope scope_of(const ApiContext& ctx, const std::optional<places::Place>& place) {
  return {ctx.catalog.today(), place ? places::province_of(*place) : std::string()};
}

// The levels of procedures handled at a place: communes handle commune-level procedures, provinces
// province-level ones, the nation ministry-level ones.
std::vector<std::string> levels_at(const std::optional<places::Place>& place) {
  if (!place) return {};
  if (place->level == "nation") return {"ministry"};
  return {place->level};
}

}  // namespace

void add_procedure_routes(Router& router, const ApiContext& ctx) {
  router.add(
      {"GET", "/api/v1/procedures", [&ctx](const Request& r) {
         auto page = parse_page_request(r);
         if (!page) return error_response(page.error(), r);
         services::ProcedureFilter filter;
         filter.query = std::string(r.query_param("q").value_or(""));
         filter.level = std::string(r.query_param("level").value_or(""));
         filter.sector = std::string(r.query_param("sector").value_or(""));
         if (!filter.level.empty() && filter.level != "commune" && filter.level != "province" &&
             filter.level != "ministry") {
           return error_response(
               Error{ErrorCode::kInvalidArgument, "level must be commune, province or ministry", "level", {}},
               r);
         }
         auto place = place_param(ctx.places, r);
         if (!place) return error_response(place.error(), r);
         filter.levels_at_place = levels_at(*place);
         auto found = ctx.catalog.search(filter, *page);
         if (!found) return error_response(found.error(), r);
         const TermsScope scope = scope_of(ctx, *place);
         return list_response(*found, [&scope](const auto& p) { return summary_json(*p, scope); });
       }});
  router.add({"GET", "/api/v1/procedures/sectors", [&ctx](const Request& r) {
                auto sectors = ctx.catalog.sectors();
                if (!sectors) return error_response(sectors.error(), r);
                json::array items;
                for (const auto& s : *sectors)
                  items.push_back(json::object{{"name", s.name}, {"count", s.count}});
                return json_response(json::object{{"items", std::move(items)}});
              }});
  router.add({"GET", "/api/v1/procedures/{code}", [&ctx](const Request& r) {
                auto p = ctx.catalog.get(std::string(r.path_param("code")));
                if (!p) return error_response(p.error(), r);
                auto place = place_param(ctx.places, r);
                if (!place) return error_response(place.error(), r);
                json::object out = services::procedure_to_json(**p);
                add_terms_in_force(out, **p, scope_of(ctx, *place));
                // Shown beside each file chooser; the upload route enforces the same limit.
                out["upload_limit_bytes"] = ctx.upload_limit_bytes;
                return json_response(std::move(out));
              }});
  router.add(
      {"PUT", "/api/v1/procedures/{code}", [&ctx](const Request& r) {
         auto who = authenticate(r, ctx.accounts, &ctx.write_limiter);
         if (!who) return error_response(who.error(), r);
         if (auto ok = ctx.authorizer.authorize(*who, identity::Action::kEditProcedure, {"VN"}); !ok) {
           return error_response(ok.error(), r);
         }
         auto body = parse_json_object_body(r);
         if (!body) return error_response(body.error(), r);
         auto parsed = services::parse_procedure(json::serialize(*body), "body");
         if (!parsed) return error_response(parsed.error(), r);
         if (parsed->code != r.path_param("code")) {
           return error_response(
               Error{ErrorCode::kInvalidArgument, "code must match the procedure in the path", "code", {}},
               r);
         }
         if (auto s = check_json_schema(parsed->form_schema); !s) {
           Error e = s.error();
           e.field = "form_schema" + (e.field.empty() ? "" : "." + e.field);
           return error_response(e, r);
         }
         const auto origin = origin_of(r, &*who);
         auto saved = ctx.catalog.replace(std::move(*parsed), origin.actor_id, origin.ip);
         if (!saved) return error_response(saved.error(), r);
         return json_response(services::procedure_to_json(**saved));
       }});
}

}  // namespace sen::http
