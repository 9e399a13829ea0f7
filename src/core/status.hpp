#pragma once

#include <string>
#include <tl/expected.hpp>
#include <utility>

#include "core/error_code.hpp"

namespace sen {

// An expected failure carried across module boundaries. `message` is safe to show to the client;
// `internal` is only logged (SQL errors, paths, ...).
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string field;            // offending input field for validation errors, else empty
  std::string internal;         // detail for the log, never sent to clients
  int retry_after_seconds = 0;  // kTooManyRequests: sent as Retry-After
};

template <class T>
using Result = tl::expected<T, Error>;
using Status = Result<void>;

inline tl::unexpected<Error> fail(ErrorCode code, std::string message, std::string field = {}) {
  return tl::unexpected<Error>(Error{code, std::move(message), std::move(field), {}});
}

inline tl::unexpected<Error> fail_internal(std::string internal) {
  return tl::unexpected<Error>(Error{ErrorCode::kInternal, "Internal error", {}, std::move(internal)});
}

}  // namespace sen
