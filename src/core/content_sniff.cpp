#include "core/content_sniff.hpp"

namespace sen {

std::string_view sniff_content_type(std::string_view bytes) {
  using namespace std::string_view_literals;
  if (bytes.starts_with("%PDF-"sv)) return "application/pdf";
  if (bytes.starts_with("\xFF\xD8\xFF"sv)) return "image/jpeg";
  if (bytes.starts_with("\x89PNG\r\n\x1A\n"sv)) return "image/png";
  return "";
}

}  // namespace sen
