#include "documents/qr_code.hpp"

#include <fmt/format.h>
#include <qrencode.h>

#include <cerrno>
#include <memory>

namespace sen::documents {
namespace {

constexpr int kQuietZone = 4;  // modules of white around the code (ISO/IEC 18004)

}  // namespace

Result<QrMatrix> qr_matrix(std::string_view payload) {
  if (payload.empty()) return fail(ErrorCode::kInvalidArgument, "nothing to encode in a QR code", "payload");
  if (payload.find('\0') != std::string_view::npos) {
    return fail(ErrorCode::kInvalidArgument, "a QR payload cannot contain NUL", "payload");
  }
  // Case-sensitive, mixed modes: runs of digits and upper-case letters take fewer modules than 8-bit
  // bytes, which keeps a VietQR payload small enough to scan easily from paper.
  const std::string text(payload);
  errno = 0;
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!code) {
    if (errno == ERANGE) {
      return fail(ErrorCode::kInvalidArgument, "too much text for a QR code", "payload");
    }
    return fail_internal(fmt::format("QRcode_encodeString failed: errno {}", errno));
  }
  QrMatrix matrix;
  matrix.size = code->width;
  matrix.dark.resize(static_cast<std::size_t>(code->width) * code->width);
  for (std::size_t i = 0; i < matrix.dark.size(); ++i) matrix.dark[i] = (code->data[i] & 1) != 0;
  return matrix;
}

Result<std::string> qr_svg(std::string_view payload, int module_px) {
  if (module_px < 1 || module_px > 64) {
    return fail(ErrorCode::kInvalidArgument, "module size must be 1 to 64 pixels", "module_px");
  }
  auto matrix = qr_matrix(payload);
  if (!matrix) return tl::unexpected(matrix.error());

  // Drawn in module units and scaled by the viewBox; one path of horizontal runs keeps it compact.
  const int side = matrix->size + 2 * kQuietZone;
  std::string path;
  for (int y = 0; y < matrix->size; ++y) {
    for (int x = 0; x < matrix->size;) {
      if (!matrix->at(x, y)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < matrix->size && matrix->at(x + run, y)) ++run;
      path += fmt::format("M{} {}h{}v1h-{}z", x + kQuietZone, y + kQuietZone, run, run);
      x += run;
    }
  }
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{0}\" viewBox=\"0 0 {1} {1}\" "
      "shape-rendering=\"crispEdges\">"
      "<rect width=\"{1}\" height=\"{1}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{2}\"/></svg>\n",
      side * module_px, side, path);
}

}  // namespace sen::documents
