#include "places/agency_pack.hpp"

#include <gtest/gtest.h>

#include <map>

#include "places/admin_units_pack.hpp"

namespace sen::places {
namespace {

const std::filesystem::path kPack = std::filesystem::path(SEN_SOURCE_DIR) / "packs" / "vn";

std::vector<Place> few_places() {
  return {{"VN", "Việt Nam", "nation", "quoc_gia", std::nullopt, std::nullopt},
          {"01", "Thành phố Hà Nội", "province", "thanh_pho_truc_thuoc_trung_uong", "VN", std::nullopt},
          {"00004", "Phường Ba Đình", "commune", "phuong", "01", std::nullopt}};
}

TEST(AgencyPack, ShipsCommitteesAndPoliceForEveryPlace) {
  auto places = load_admin_units(kPack);
  ASSERT_TRUE(places);
  auto agencies = load_agencies(kPack, *places);
  ASSERT_TRUE(agencies) << agencies.error().message;
  std::map<std::string, int> kinds;
  std::map<std::string, const Agency*> by_code;
  for (const auto& a : *agencies) {
    ++kinds[a.kind];
    by_code[a.code] = &a;
  }
  EXPECT_EQ(kinds["people_committee"], 34 + 3321);
  EXPECT_EQ(kinds["commune_police"], 3321);
  EXPECT_EQ(kinds["immigration_office"], 34);
  EXPECT_EQ(kinds["administrative_police"], 34);
  EXPECT_EQ(kinds["government_office"], 1);
  ASSERT_TRUE(by_code.contains("UBND-00004")) << "the codes dossiers and accounts already use stay";
  EXPECT_EQ(by_code["UBND-00004"]->name, "Ủy ban nhân dân Phường Ba Đình");
  ASSERT_TRUE(by_code.contains("CAX-00004"));
  EXPECT_EQ(by_code["CAX-00004"]->place_code, "00004");
  ASSERT_TRUE(by_code.contains("XNC-31"));
  EXPECT_EQ(by_code["XNC-31"]->name, "Phòng Quản lý xuất nhập cảnh, Công an Thành phố Hải Phòng");
  EXPECT_EQ(by_code["VPCP"]->place_code, "VN");
}

TEST(AgencyPack, ListedEntriesAddDetailsToGeneratedOnes) {
  auto agencies = parse_agencies(R"({
    "generated": [{"kind": "commune_police", "levels": ["commune"], "code": "CAX-{code}", "name": "Công an {name}"}],
    "listed": [{"code": "CAX-00004", "name": "Công an phường Ba Đình", "kind": "commune_police", "place": "00004",
                "phone": "024 0000"}]
  })",
                                 "agencies.json", few_places());
  ASSERT_TRUE(agencies) << agencies.error().message;
  ASSERT_EQ(agencies->size(), 1u);
  EXPECT_EQ(agencies->front().name, "Công an phường Ba Đình");
  EXPECT_EQ(agencies->front().phone, "024 0000");
  EXPECT_EQ(agencies->front().address, "") << "unknown details stay empty";
}

TEST(AgencyPack, RefusesABadFileNamingItAndTheField) {
  struct Case {
    const char* json;
    const char* field;
  };
  const Case cases[] = {
      {R"({"generated": [], "listed": [], "extra": 1})", "extra"},
      {R"({"generated": [{"kind": "x", "levels": ["district"], "code": "X-{code}", "name": "X"}], "listed": []})",
       "generated[0].levels[0]"},
      {R"({"generated": [{"kind": "x", "levels": ["commune"], "code": "X", "name": "X"}], "listed": []})",
       "generated[0].code"},
      {R"({"generated": [{"kind": "x", "levels": ["commune"], "code": "x-{code}", "name": "X"}], "listed": []})",
       "generated[0].code"},
      {R"({"generated": [], "listed": [{"code": "A", "name": "A", "kind": "x", "place": "99"}]})",
       "listed[0].place"},
      {R"({"generated": [], "listed": [{"code": "A", "name": "A", "kind": "Bad Kind", "place": "01"}]})",
       "listed[0].kind"},
      {R"({"generated": [], "listed": [{"code": "A", "name": "A", "kind": "x", "place": "01"},
                                       {"code": "A", "name": "B", "kind": "x", "place": "01"}]})",
       "listed[1].code"},
      {R"({"generated": [{"kind": "x", "levels": ["commune"], "code": "X-{code}", "name": "X"}],
           "listed": [{"code": "X-00004", "name": "A", "kind": "y", "place": "00004"}]})",
       "listed[0].code"},
  };
  for (const auto& c : cases) {
    auto r = parse_agencies(c.json, "packs/vn/agencies/agencies.json", few_places());
    ASSERT_FALSE(r) << c.json;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << c.json;
    EXPECT_EQ(r.error().field, c.field) << r.error().message;
    EXPECT_EQ(r.error().message.rfind("packs/vn/agencies/agencies.json: ", 0), 0u) << r.error().message;
  }
  EXPECT_EQ(parse_agencies("{", "agencies.json", few_places()).error().code, ErrorCode::kMalformedJson);
}

}  // namespace
}  // namespace sen::places
