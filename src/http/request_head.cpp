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
  for (auto s : url->segments()) segments.emplace_back(s);
  for (auto p : url->params()) request.query.emplace_back(p.key, p.value);
  // Decoded text reaches databases, logs and answers: core's rule for text people send decides. A
  // refused path is kept as sent (percent-encoded ASCII), so the error answer does not repeat it.
  auto refuse = [&](Error e) {
    request.path = std::string(url->encoded_path());
    return tl::unexpected(std::move(e));
  };
  const std::string path = url->path();
  if (auto s = check_text(path, "path", false); !s) return refuse(s.error());
  for (const auto& [k, v] : request.query) {
    if (auto s = check_text(k, "query", false); !s) return refuse(s.error());
    if (auto s = check_text(v, k, false); !s) return refuse(s.error());
  }
  request.path = path;
  return {};
}

}  // namespace sen::http
