#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "core/status.hpp"
#include "http/message.hpp"

namespace sen::http {

// RFC 9457 application/problem+json: type, title, status, detail, instance, plus our stable `code`
// and, for validation errors, the offending `field`. Only Error::message reaches the client.
// `extensions` adds members (RFC 9457 extension members), e.g. per-row errors of an import.
Response problem_response(const Error& error, std::string_view instance, boost::json::object extensions = {});

}  // namespace sen::http
