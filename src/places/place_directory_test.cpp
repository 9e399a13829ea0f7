#include "places/place_directory.hpp"

#include <gtest/gtest.h>

#include "storage/migrations.hpp"
#include "storage/testing/test_database.hpp"

namespace sen::places {
namespace {

TEST(PlaceDirectory, HoldsEveryPlaceWithItsParentAcrossPages) {
  auto t = storage::testing::make_test_database(storage::testing::Backend::kSqlite);
  ASSERT_TRUE(t);
  ASSERT_TRUE(storage::apply_migrations(*(*t)->db, SystemClock()));
  auto conn = (*t)->db->acquire();
  std::string script =
      "INSERT INTO places (code, name, search_name, level, type) VALUES ('VN', 'Việt Nam', 'viet nam', "
      "'nation', 'quoc_gia');"
      "INSERT INTO places (code, name, search_name, level, type, parent_code) VALUES ('01', 'Hà Nội', "
      "'ha noi', 'province', 'thanh_pho_truc_thuoc_trung_uong', 'VN');";
  // More communes than one page of the repository's list (1000), so the directory reads every page.
  for (int i = 0; i < 1200; ++i) {
    script += "INSERT INTO places (code, name, search_name, level, type, parent_code) VALUES ('" +
              std::to_string(10000 + i) + "', 'Xã', 'xa', 'commune', 'xa', '01');";
  }
  ASSERT_TRUE((*conn)->execute_script(script));
  PlaceRepository repo(*(*t)->db);
  auto directory = PlaceDirectory::load(repo);
  ASSERT_TRUE(directory) << directory.error().message;
  EXPECT_EQ(directory->all().size(), 1202u);
  const Place* commune = directory->find("11199");
  ASSERT_NE(commune, nullptr);
  EXPECT_EQ(commune->parent_code.value_or(""), "01");
  EXPECT_EQ(commune->parent_name.value_or(""), "Hà Nội");
  EXPECT_EQ(directory->find("99999"), nullptr);
  EXPECT_EQ(directory->find("VN")->parent_code, std::nullopt);
}

}  // namespace
}  // namespace sen::places
