#pragma once

#include <boost/beast/http/message.hpp>
#include <functional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "http/message.hpp"

namespace sen::http {

// Fills `request` from a parsed request head: the method, the headers (names in lower case), the
// request id (the client's X-Request-Id when it is a safe token, else `new_id()`), and the decoded
// path, its segments and the query. kInvalidArgument naming "target" for a target that is not an
// origin-form path, or naming the path ("path") or query parameter whose decoded text is not valid
// UTF-8 or holds control or bidirectional-override characters (core's check_text): that text reaches
// databases and logs. A refused request keeps its path as sent, percent-encoded, for the error answer.
// The request id is set even then, for the error answer.
Status read_request_head(const boost::beast::http::request_header<>& head, Request& request,
                         std::vector<std::string>& segments, const std::function<std::string()>& new_id);

}  // namespace sen::http
