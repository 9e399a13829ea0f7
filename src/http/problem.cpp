#include "http/problem.hpp"

#include <boost/json.hpp>

namespace sen::http {

Response problem_response(const Error& error, std::string_view instance, boost::json::object extensions) {
  boost::json::object body = std::move(extensions);
  const auto name = code_name(error.code);
  body["type"] = "/problems/" + std::string(name);
  body["title"] = code_title(error.code);
  body["status"] = http_status(error.code);
  body["detail"] = error.message.empty() ? std::string(code_title(error.code)) : error.message;
  body["instance"] = instance;
  body["code"] = name;
  if (!error.field.empty()) body["field"] = error.field;
  Response r;
  r.status = http_status(error.code);
  r.content_type = "application/problem+json";
  r.body = boost::json::serialize(body);
  if (error.retry_after_seconds > 0)
    r.headers.emplace_back("Retry-After", std::to_string(error.retry_after_seconds));
  return r;
}

}  // namespace sen::http
