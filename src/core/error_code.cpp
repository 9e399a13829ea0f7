#include "core/error_code.hpp"

namespace sen {
namespace {

struct CodeInfo {
  int status;
  std::string_view name;
  std::string_view title;
};

CodeInfo info(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return {400, "invalid_argument", "Invalid request parameter"};
    case ErrorCode::kMalformedJson:
      return {400, "malformed_json", "Malformed JSON body"};
    case ErrorCode::kNotFound:
      return {404, "not_found", "Resource not found"};
    case ErrorCode::kRouteNotFound:
      return {404, "route_not_found", "No such endpoint"};
    case ErrorCode::kMethodNotAllowed:
      return {405, "method_not_allowed", "Method not allowed"};
    case ErrorCode::kConflict:
      return {409, "conflict", "Conflict"};
    case ErrorCode::kUnauthenticated:
      return {401, "unauthenticated", "Authentication required"};
    case ErrorCode::kForbidden:
      return {403, "forbidden", "Forbidden"};
    case ErrorCode::kPasswordChangeRequired:
      return {403, "password_change_required", "Password change required"};
    case ErrorCode::kPayloadTooLarge:
      return {413, "payload_too_large", "Request body too large"};
    case ErrorCode::kHeaderTooLarge:
      return {431, "header_too_large", "Request header fields too large"};
    case ErrorCode::kUnsupportedMediaType:
      return {415, "unsupported_media_type", "Unsupported media type"};
    case ErrorCode::kRequestTimeout:
      return {408, "request_timeout", "Request timeout"};
    case ErrorCode::kTooManyRequests:
      return {429, "too_many_requests", "Too many requests"};
    case ErrorCode::kUnavailable:
      return {503, "unavailable", "Service unavailable"};
    case ErrorCode::kInternal:
      break;
  }
  return {500, "internal", "Internal server error"};
}

}  // namespace

int http_status(ErrorCode code) { return info(code).status; }
std::string_view code_name(ErrorCode code) { return info(code).name; }
std::string_view code_title(ErrorCode code) { return info(code).title; }

}  // namespace sen
