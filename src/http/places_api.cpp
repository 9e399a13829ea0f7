// /api/v1/places and /api/v1/agencies: thin adapters from HTTP to places::PlaceRepository.
#include <boost/json.hpp>

#include "http/api.hpp"
#include "http/api_support.hpp"

namespace sen::http {
namespace {

namespace json = boost::json;

json::value optional_json(const std::optional<std::string>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::value place_json(const places::Place& p) {
  return json::object{{"code", p.code},
                      {"name", p.name},
                      {"level", p.level},
                      {"type", p.type},
                      {"parent_code", optional_json(p.parent_code)},
                      {"parent_name", optional_json(p.parent_name)}};
}

json::value agency_json(const places::Agency& a) {
  return json::object{
      {"code", a.code},       {"name", a.name},   {"kind", a.kind},   {"place_code", a.place_code},
      {"address", a.address}, {"phone", a.phone}, {"email", a.email}, {"office_hours", a.office_hours}};
}

std::string query_or_empty(const Request& r, std::string_view name) {
  return std::string(r.query_param(name).value_or(""));
}

Result<places::PlaceFilter> parse_place_filter(const Request& r) {
  places::PlaceFilter filter{query_or_empty(r, "level"), query_or_empty(r, "parent"), query_or_empty(r, "q")};
  if (!filter.level.empty() && filter.level != "nation" && filter.level != "province" &&
      filter.level != "commune") {
    return fail(ErrorCode::kInvalidArgument, "level must be nation, province or commune", "level");
  }
  if (filter.query.size() > 200) return fail(ErrorCode::kInvalidArgument, "q is longer than 200 bytes", "q");
  return filter;
}

}  // namespace

void add_place_routes(Router& router, const ApiContext& ctx) {
  auto& repo = ctx.places;
  router.add({"GET", "/api/v1/places", [&repo](const Request& r) {
                auto filter = parse_place_filter(r);
                if (!filter) return error_response(filter.error(), r);
                auto page = parse_page_request(r);
                if (!page) return error_response(page.error(), r);
                auto result = repo.list(*filter, *page);
                if (!result) return error_response(result.error(), r);
                return list_response(*result, place_json);
              }});
  Route place{"GET", "/api/v1/places/{code}", [&repo](const Request& r) {
                auto place = repo.get(std::string(r.path_param("code")));
                if (!place) return error_response(place.error(), r);
                return json_response(place_json(*place));
              }};
  // Looked up on every page that names a place: answered on the network thread from the directory;
  // a code it does not hold goes to the database (and its 404).
  place.from_memory = [&directory = ctx.place_directory](const Request& r) -> std::optional<Response> {
    const auto* found = directory.find(r.path_param("code"));
    if (found == nullptr) return std::nullopt;
    return json_response(place_json(*found));
  };
  router.add(std::move(place));
  router.add({"GET", "/api/v1/places/{code}/children", [&repo](const Request& r) {
                auto page = parse_page_request(r);
                if (!page) return error_response(page.error(), r);
                auto result = repo.children(std::string(r.path_param("code")), query_or_empty(r, "q"), *page);
                if (!result) return error_response(result.error(), r);
                return list_response(*result, place_json);
              }});
  router.add({"GET", "/api/v1/agencies", [&repo](const Request& r) {
                auto page = parse_page_request(r);
                if (!page) return error_response(page.error(), r);
                auto result = repo.list_agencies(query_or_empty(r, "place"), query_or_empty(r, "q"), *page);
                if (!result) return error_response(result.error(), r);
                return list_response(*result, agency_json);
              }});
  router.add({"GET", "/api/v1/agencies/{code}", [&repo](const Request& r) {
                auto agency = repo.get_agency(std::string(r.path_param("code")));
                if (!agency) return error_response(agency.error(), r);
                return json_response(agency_json(*agency));
              }});
}

}  // namespace sen::http
