#pragma once

#include <span>
#include <string_view>

namespace sen {

// A file compiled into the binary (see cmake/embed.cmake).
struct EmbeddedFile {
  std::string_view path;
  std::string_view data;
};

}  // namespace sen
