#pragma once

#include <string>

#include "core/status.hpp"

namespace sen {

// Diagnostics go to standard error through spdlog; the access log (one JSON line per request) goes
// to standard output so it can be shipped separately.
Status configure_logging(const std::string& level);

}  // namespace sen
