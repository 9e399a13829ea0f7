#include "http/request_head.hpp"

#include <boost/url/parse.hpp>

#include "core/text_input.hpp"

namespace sen::http {
namespace {

bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Status read_request_head(const boost::beast::http::request_header<>& head, Request& request,
                         std::vector<std::string>& segments, const std::function<std::string()>& new_id) {
  request.method = std::string(head.method_string());
  for (const auto& field : head)
    request.headers.emplace_back(lower(field.name_string()), std::string(field.value()));
  const auto incoming_id = request.header("x-request-id");
  request.request_id = incoming_id && valid_request_id(*incoming_id) ? std::string(*incoming_id) : new_id();

  auto url = boost::urls::parse_origin_form(head.target());
  if (!url) return fail(ErrorCode::kInvalidArgument, "The request target is not a valid path", "target");
  request.path = url->path();
  for (auto s : url->segments()) segments.emplace_back(s);
  for (auto p : url->params()) request.query.emplace_back(p.key, p.value);
  constexpr std::string_view kUnsafe = "The request target holds invalid UTF-8 or control characters";
  if (!check_text(request.path, "path", false))
    return fail(ErrorCode::kInvalidArgument, std::string(kUnsafe), "path");
  for (const auto& [k, v] : request.query) {
    if (!check_text(k, "query", false))
      return fail(ErrorCode::kInvalidArgument, std::string(kUnsafe), "query");
    if (!check_text(v, k, false)) return fail(ErrorCode::kInvalidArgument, std::string(kUnsafe), k);
  }
  return {};
}

}  // namespace sen::http
