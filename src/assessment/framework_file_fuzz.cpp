// A DX indicator framework file: any text gives a framework or an error, and a framework that loads
// is written out and read back unchanged (the format round-trips, as framework_to_json promises).
#include <boost/json.hpp>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "assessment/framework_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto framework = sen::assessment::parse_framework(text, "fuzz.json");
  if (!framework) return 0;
  const std::string written = boost::json::serialize(sen::assessment::framework_to_json(*framework));
  auto again = sen::assessment::parse_framework(written, "written.json");
  if (!again || boost::json::serialize(sen::assessment::framework_to_json(*again)) != written) std::abort();
  return 0;
}
