// The data brain's query syntax (/api/v1/analytics?indicator=&place=&level=&period=&by=&filter=), read
// against the pack's real indicators: any six lines give a query or an error naming a parameter, and
// a query never holds more cells than the limit allows.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "analytics/metadata_file.hpp"
#include "analytics/query.hpp"

namespace sen::analytics {
namespace {

struct World {
  PlaceTree tree =
      *PlaceTree::build({{"VN", "Việt Nam", "nation", "quoc_gia", {}, {}},
                         {"01", "Hà Nội", "province", "thanh_pho_truc_thuoc_trung_uong", "VN", {}},
                         {"02", "Tỉnh Hai", "province", "tinh", "VN", {}},
                         {"00004", "Ba Đình", "commune", "phuong", "01", {}},
                         {"00100", "Xã Một", "commune", "xa", "02", {}}});
  Metadata meta =
      *load_metadata(std::filesystem::path(SEN_SOURCE_DIR) / "packs/vn/analytics/indicators.json", tree);
  StatisticsStore statistics{tree, meta};
  DxStandings dx{
      tree, [] { return Result<std::vector<assessment::Standing>>(std::vector<assessment::Standing>{}); }};
  Engine engine{tree, meta, statistics, dx, nullptr};
};

}  // namespace
}  // namespace sen::analytics

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto* world = new sen::analytics::World();
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  std::string parts[6];
  for (auto& part : parts) {
    const auto end = rest.find('\n');
    part = std::string(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  }
  const sen::analytics::QueryText text{parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]};
  constexpr std::size_t kMaxCells = 2000;
  auto query =
      sen::analytics::parse_query(text, world->engine, sen::analytics::month_of(2026, 12), kMaxCells);
  if (!query) {
    if (query.error().field.empty()) std::abort();  // every refusal names the parameter
    return 0;
  }
  if (query->indicators.size() * query->places.size() * query->periods.size() > kMaxCells) std::abort();
  return 0;
}
