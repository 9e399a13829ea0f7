#pragma once

#include <string_view>

namespace sen {

// The one list of error codes. Each maps to an HTTP status and a stable string the client sees.
enum class ErrorCode {
  kInvalidArgument,
  kMalformedJson,
  kNotFound,
  kRouteNotFound,
  kMethodNotAllowed,
  kConflict,
  kUnauthenticated,
  kForbidden,
  kPasswordChangeRequired,  // signed in with a one-time or reset password: only a change is allowed
  kPayloadTooLarge,
  kHeaderTooLarge,
  kUnsupportedMediaType,
  kRequestTimeout,
  kTooManyRequests,
  kUnavailable,
  kInternal,
};

int http_status(ErrorCode code);
std::string_view code_name(ErrorCode code);   // stable machine-readable name, e.g. "not_found"
std::string_view code_title(ErrorCode code);  // short human title for problem+json

}  // namespace sen
