#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace sen::documents {

// The modules of one QR code (error correction level M: survives ~15 % damage, e.g. a folded or
// stamped print-out), without the quiet zone. Shared by the SVG writer and the PDF renderer.
struct QrMatrix {
  int size = 0;            // modules per side
  std::vector<bool> dark;  // row-major, size * size
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y) * size + x]; }
};

// Encodes `payload` (1 byte to the capacity of a version-40 code). kInvalidArgument when it is empty,
// contains NUL or does not fit.
Result<QrMatrix> qr_matrix(std::string_view payload);

// A standalone SVG image (no external references) with the 4-module quiet zone scanners need, each
// module `module_px` (1..64) pixels wide; for the web to show a payment code.
Result<std::string> qr_svg(std::string_view payload, int module_px = 6);

}  // namespace sen::documents
