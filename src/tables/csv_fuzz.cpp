// CSV imports (officials, assessments, statistics): any bytes give records or an error.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "tables/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto records = sen::tables::read_csv(text);
  if (!records) return 0;
  // Every non-empty cell takes at least one byte of the input.
  std::size_t filled = 0;
  for (const auto& row : *records)
    for (const auto& cell : row) filled += cell.empty() ? 0 : 1;
  if (filled > size) std::abort();
  return 0;
}
