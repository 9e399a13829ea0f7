#include "places/admin_units_pack.hpp"

#include <gtest/gtest.h>

#include <map>

namespace sen::places {
namespace {

TEST(AdminUnitsPack, LoadsTheOfficialTwoTierList) {
  auto places = load_admin_units(std::filesystem::path(SEN_SOURCE_DIR) / "packs" / "vn");
  ASSERT_TRUE(places) << places.error().message;
  std::map<std::string, int> by_level;
  std::map<std::string, int> commune_types;
  for (const auto& p : *places) {
    ++by_level[p.level];
    if (p.level == "commune") ++commune_types[p.type];
  }
  EXPECT_EQ(by_level["nation"], 1);
  EXPECT_EQ(by_level["province"], 34);
  EXPECT_EQ(by_level["commune"], 3321);
  EXPECT_EQ(commune_types["xa"], 2621);
  EXPECT_EQ(commune_types["phuong"], 687);
  EXPECT_EQ(commune_types["dac_khu"], 13);
  EXPECT_EQ(places->front().code, "VN");
  const auto ba_dinh =
      std::find_if(places->begin(), places->end(), [](const auto& p) { return p.code == "00004"; });
  ASSERT_NE(ba_dinh, places->end());
  EXPECT_EQ(ba_dinh->name, "Phường Ba Đình");
  EXPECT_EQ(ba_dinh->parent_code, "01");
}

TEST(AdminUnitsPack, RejectsMalformedRowsNamingTheLine) {
  const std::string header = "code,name,level,type,parent_code,parent_name\n";
  auto dup = parse_admin_units_csv(header + "01,A,1,tinh,,\n01,B,1,tinh,,\n");
  ASSERT_FALSE(dup);
  EXPECT_NE(dup.error().message.find("line 3"), std::string::npos);
  auto orphan = parse_admin_units_csv(header + "01,A,1,tinh,,\n00004,X,2,xa,02,\n");
  ASSERT_FALSE(orphan);
  EXPECT_NE(orphan.error().message.find("02"), std::string::npos);
  EXPECT_FALSE(parse_admin_units_csv(header + "1,A,1,tinh,,\n"));  // province codes have 2 digits
  EXPECT_FALSE(parse_admin_units_csv("code,name\n"));
}

}  // namespace
}  // namespace sen::places
