// HTTP requests off the network: Beast parses the head within the server's limits, then Sen reads
// it (target, query, request id) and the query parameters and JSON body every handler uses. Text
// that gets through is valid UTF-8 without control characters, as the databases and logs expect.
#include <boost/beast/http.hpp>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/text_input.hpp"
#include "http/api_support.hpp"
#include "http/request_head.hpp"

namespace bhttp = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(8 * 1024);
  parser.body_limit(64 * 1024);
  parser.eager(true);
  boost::system::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (ec || !parser.is_header_done()) return 0;
  sen::http::Request request;
  std::vector<std::string> segments;
  if (!sen::http::read_request_head(parser.get(), request, segments, [] { return std::string("fuzz-1"); }))
    return 0;
  if (!sen::check_text(request.path, "path", false)) std::abort();
  for (const auto& [k, v] : request.query)
    if (!sen::check_text(k, "query", false) || !sen::check_text(v, "query", false)) std::abort();
  if (request.request_id.empty() || request.request_id.size() > 64) std::abort();
  (void)sen::http::parse_page_request(request);
  (void)sen::http::day_param(request, "from");
  (void)sen::http::flag_param(request, "all");
  if (parser.is_done()) {
    request.body = parser.get().body();
    (void)sen::http::parse_json_object_body(request);
  }
  return 0;
}
