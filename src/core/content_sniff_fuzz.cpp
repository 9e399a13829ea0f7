// Uploads are typed by their bytes, never by what the client says: any bytes give one known answer.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/content_sniff.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::string_view type = sen::sniff_content_type(bytes);
  // The answer is a media type or empty (refused), and the same bytes always get the same answer.
  if (!type.empty() && type.find('/') == std::string_view::npos) std::abort();
  if (sen::sniff_content_type(bytes) != type) std::abort();
  return 0;
}
