#pragma once

#include <string>

#include "core/config.hpp"

namespace sen::cli {

inline constexpr std::string_view kVersion = "0.1.0";

// Each returns the process exit code: 0 success, 1 runtime failure, 2 bad configuration.
int run_serve(const Config& config);
int run_migrate(const Config& config);
int run_demo(const Config& config);
int run_check_config(const Config& config);
int run_audit_verify(const Config& config);

}  // namespace sen::cli
