#include "core/logging.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace sen {

Status configure_logging(const std::string& level) {
  const auto parsed = spdlog::level::from_str(level);
  if (parsed == spdlog::level::off && level != "off") {
    return fail(ErrorCode::kInvalidArgument, "log.level must be trace, debug, info, warn, error or off",
                "log.level");
  }
  spdlog::drop("sen");
  auto logger = spdlog::stderr_logger_mt("sen");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(parsed);
  return {};
}

}  // namespace sen
