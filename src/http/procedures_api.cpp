// The procedure catalogue: public search and reading; national administrators edit definitions.
#include <boost/json.hpp>

#include "core/json_schema.hpp"
#include "http/api.hpp"
#include "http/api_support.hpp"
#include "http/authentication.hpp"
#include "services/procedure_pack.hpp"

namespace sen::http {
namespace {

namespace json = boost::json;

json::object summary_json(const services::Procedure& p) {
  json::array channels;
  for (const auto& c : p.channels) {
    channels.push_back(json::object{{"kind", c.kind},
                                    {"time_limit", json::object{{"unit", c.time_limit.unit},
                                                                {"value", c.time_limit.value},
                                                                {"cutoff_hour", c.time_limit.cutoff_hour}}},
                                    {"fee_vnd", c.fee_vnd}});
  }
  return json::object{{"code", p.code},
                      {"name", p.name},
                      {"sector", p.sector},
                      {"level", p.level},
                      {"agency", p.agency},
                      {"online_level", p.online_level},
                      {"channels", std::move(channels)}};
}

// The levels of procedures handled at a place: communes handle commune-level procedures, provinces
// province-level ones, the nation ministry-level ones.
Result<std::vector<std::string>> levels_at(const places::PlaceRepository& places, std::string_view code) {
  if (code.empty()) return std::vector<std::string>{};
  auto place = places.get(std::string(code));
  if (!place) return fail(ErrorCode::kInvalidArgument, "No place with this code", "place");
  if (place->level == "nation") return std::vector<std::string>{"ministry"};
  return std::vector<std::string>{place->level};
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
         auto levels = levels_at(ctx.places, r.query_param("place").value_or(""));
         if (!levels) return error_response(levels.error(), r);
         filter.levels_at_place = std::move(*levels);
         auto found = ctx.catalog.search(filter, *page);
         if (!found) return error_response(found.error(), r);
         return list_response(*found, [](const auto& p) { return summary_json(*p); });
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
                return json_response(services::procedure_to_json(**p));
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
