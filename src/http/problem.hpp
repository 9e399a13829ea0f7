#pragma once

#include <string_view>

#include "core/status.hpp"
#include "http/message.hpp"

namespace sen::http {

// RFC 9457 application/problem+json: type, title, status, detail, instance, plus our stable `code`
// and, for validation errors, the offending `field`. Only Error::message reaches the client.
Response problem_response(const Error& error, std::string_view instance);

}  // namespace sen::http
