// XLSX imports: a ZIP of XML parts from anyone. Any bytes give records or an error, within the
// unpacked-size limit (a ZIP bomb is refused, not unpacked).
#include <cstdint>
#include <string_view>

#include "tables/xlsx_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)sen::tables::looks_like_xlsx(bytes);
  (void)sen::tables::read_xlsx(bytes, 4 * 1024 * 1024);
  return 0;
}
