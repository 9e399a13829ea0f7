// A procedure file of the pack (or an administrator's upload): any text gives a procedure or an
// error, and a procedure that loads round-trips through its file shape.
#include <boost/json.hpp>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "services/procedure_pack.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto procedure = sen::services::parse_procedure(text, "fuzz.json");
  if (!procedure) return 0;
  const std::string written = boost::json::serialize(sen::services::procedure_to_json(*procedure));
  auto again = sen::services::parse_procedure(written, "written.json");
  if (!again || boost::json::serialize(sen::services::procedure_to_json(*again)) != written) std::abort();
  return 0;
}
