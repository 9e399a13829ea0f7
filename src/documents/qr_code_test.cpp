#include "documents/qr_code.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

namespace sen::documents {
namespace {

// Every QR code has a 7x7 finder pattern (dark ring, light ring, dark 3x3 centre) in three corners.
bool has_finder_at(const QrMatrix& m, int left, int top) {
  for (int y = 0; y < 7; ++y) {
    for (int x = 0; x < 7; ++x) {
      const bool ring = x == 0 || y == 0 || x == 6 || y == 6;
      const bool centre = x >= 2 && x <= 4 && y >= 2 && y <= 4;
      if (m.at(left + x, top + y) != (ring || centre)) return false;
    }
  }
  return true;
}

TEST(QrMatrix, HasTheStructureOfAQrCode) {
  auto m = qr_matrix("HELLO");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->size, 21);  // version 1
  EXPECT_TRUE(has_finder_at(*m, 0, 0));
  EXPECT_TRUE(has_finder_at(*m, m->size - 7, 0));
  EXPECT_TRUE(has_finder_at(*m, 0, m->size - 7));
  EXPECT_FALSE(has_finder_at(*m, m->size - 7, m->size - 7));
}

TEST(QrMatrix, GrowsWithThePayload) {
  auto small = qr_matrix("https://sen.example/v/1");
  auto large = qr_matrix(std::string(300, 'x'));
  ASSERT_TRUE(small && large);
  EXPECT_LT(small->size, large->size);
  EXPECT_EQ((large->size - 17) % 4, 0);  // sizes are 21, 25, ... (4 * version + 17)
}

TEST(QrMatrix, RejectsEmptyNulAndOversizedPayloads) {
  for (const std::string& bad : {std::string(), std::string("a\0b", 3), std::string(3000, 'x')}) {
    auto m = qr_matrix(bad);
    ASSERT_FALSE(m) << bad.size();
    EXPECT_EQ(m.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(m.error().field, "payload");
  }
}

TEST(QrSvg, IsAStandaloneImageWithAQuietZone) {
  auto svg = qr_svg("HELLO", 5);
  ASSERT_TRUE(svg);
  EXPECT_TRUE(svg->starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_TRUE(svg->ends_with("</svg>\n"));
  EXPECT_NE(svg->find("width=\"145\" height=\"145\" viewBox=\"0 0 29 29\""), std::string::npos);  // (21+8)*5
  EXPECT_EQ(svg->find("href"), std::string::npos);
  EXPECT_EQ(std::count(svg->begin(), svg->end(), '<'), std::count(svg->begin(), svg->end(), '>'));
}

TEST(QrSvg, DrawsExactlyTheDarkModules) {
  const std::string payload = "00020101021238570010A000000727 Sen";
  auto m = qr_matrix(payload);
  auto svg = qr_svg(payload);
  ASSERT_TRUE(m && svg);
  std::vector<bool> drawn(m->dark.size());
  // The path is a list of "M<x> <y>h<n>v1h-<n>z" runs in quiet-zone coordinates.
  const auto d_at = svg->find(" d=\"");
  ASSERT_NE(d_at, std::string::npos);
  std::istringstream path(svg->substr(d_at + 4, svg->find('"', d_at + 4) - d_at - 4));
  char move, across, down, back, minus, close;
  int x = 0, y = 0, n = 0, one = 0, n_back = 0;
  while (path >> move >> x >> y >> across >> n >> down >> one >> back >> minus >> n_back >> close) {
    ASSERT_EQ(std::string({move, across, down, back, minus, close}), "Mhvh-z");
    ASSERT_TRUE(one == 1 && n_back == n);
    x -= 4;
    y -= 4;
    ASSERT_TRUE(x >= 0 && y >= 0 && n > 0 && x + n <= m->size && y < m->size);
    for (int i = 0; i < n; ++i) drawn[static_cast<std::size_t>(y) * m->size + x + i] = true;
  }
  EXPECT_EQ(drawn, m->dark);
}

TEST(QrSvg, SizeGrowsWithPayloadAndModuleSize) {
  auto a = qr_svg("short", 4), b = qr_svg(std::string(200, 'y'), 4), c = qr_svg("short", 8);
  ASSERT_TRUE(a && b && c);
  EXPECT_LT(a->size(), b->size());
  EXPECT_NE(c->find("width=\"232\""), std::string::npos);  // (21+8)*8
  EXPECT_FALSE(qr_svg("x", 0));
  EXPECT_EQ(qr_svg("x", 65).error().field, "module_px");
}

}  // namespace
}  // namespace sen::documents
