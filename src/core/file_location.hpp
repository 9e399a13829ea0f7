#pragma once

#include <cstdint>
#include <filesystem>

namespace sen {

// Where a stored file's bytes are, so a reader can take them in pieces instead of loading them whole.
struct FileLocation {
  std::filesystem::path path;
  std::uint64_t size = 0;
};

}  // namespace sen
