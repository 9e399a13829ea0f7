// Operational endpoints: liveness, readiness, metrics and the API description.
#include <boost/json.hpp>

#include "http/api.hpp"
#include "http/api_support.hpp"

namespace sen::http {

void add_system_routes(Router& router, const ApiContext& ctx) {
  router.add({"GET", "/healthz",
              [](const Request&) {
                Response r;
                r.body = R"({"status":"ok"})";
                return r;
              },
              Execution::kInline});
  router.add(
      {"GET", "/readyz",
       [&db = ctx.db](const Request& r) {
         auto conn = db.acquire();
         if (!conn) return error_response(conn.error(), r);
         if (auto ping = (*conn)->execute("SELECT 1"); !ping) {
           return error_response(
               Error{ErrorCode::kUnavailable, "The database is not reachable", {}, ping.error().internal}, r);
         }
         return json_response(boost::json::object{{"status", "ready"}});
       },
       Execution::kBlocking, 0, nullptr, /*always_admitted=*/true});
  router.add({"GET", "/metrics",
              [&metrics = ctx.metrics](const Request&) {
                Response r;
                r.content_type = "text/plain; version=0.0.4; charset=utf-8";
                r.body = metrics.render();
                return r;
              },
              Execution::kInline});
  router.add({"GET", "/api/openapi.json",
              [](const Request&) {
                Response r;
                r.body = std::string(openapi_document());
                return r;
              },
              Execution::kInline});
}

}  // namespace sen::http
