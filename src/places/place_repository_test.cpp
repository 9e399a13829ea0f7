#include "places/place_repository.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/clock.hpp"
#include "places/admin_units_pack.hpp"
#include "storage/testing/backend_test.hpp"

namespace sen::places {
namespace {

class PlaceRepositoryTest : public storage::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (!ready()) return;
    repo_ = std::make_unique<PlaceRepository>(*test_db_->db);
    auto places = load_admin_units(std::filesystem::path(SEN_SOURCE_DIR) / "packs" / "vn");
    ASSERT_TRUE(places);
    auto n = repo_->upsert_places(*places);
    ASSERT_TRUE(n) << n.error().internal;
  }

  std::vector<std::string> names_for(const std::string& q) {
    auto page = repo_->list(PlaceFilter{"province", "", q}, {});
    EXPECT_TRUE(page);
    std::vector<std::string> names;
    for (const auto& p : page->items) names.push_back(p.name);
    return names;
  }

  std::unique_ptr<PlaceRepository> repo_;
};

TEST_P(PlaceRepositoryTest, GetsAPlaceWithItsParent) {
  auto p = repo_->get("00004");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->name, "Phường Ba Đình");
  EXPECT_EQ(p->level, "commune");
  EXPECT_EQ(p->parent_code, "01");
  EXPECT_EQ(p->parent_name, "Thành phố Hà Nội");
  auto missing = repo_->get("99999");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message.find("99999"), std::string::npos);
}

TEST_P(PlaceRepositoryTest, SearchIgnoresDiacriticsAndCase) {
  for (const char* q : {"ha noi", "Hà Nội", "HA NOI"}) {
    EXPECT_EQ(names_for(q), std::vector<std::string>{"Thành phố Hà Nội"}) << q;
  }
  for (const char* q : {"đà nẵng", "da nang", "ĐÀ NẴNG"}) {
    EXPECT_EQ(names_for(q), std::vector<std::string>{"Thành phố Đà Nẵng"}) << q;
  }
  EXPECT_TRUE(names_for("%").empty()) << "LIKE wildcards in user text match literally";
  EXPECT_TRUE(names_for("_").empty());
}

TEST_P(PlaceRepositoryTest, ListsProvincesAndPagesThroughChildrenWithoutGaps) {
  auto provinces = repo_->list(PlaceFilter{"province", "", ""}, {});
  ASSERT_TRUE(provinces);
  EXPECT_EQ(provinces->total, 34);
  EXPECT_EQ(provinces->items.size(), 34u);
  EXPECT_FALSE(provinces->next_after);

  auto all = repo_->children("01", "", {1000, ""});
  ASSERT_TRUE(all);
  std::set<std::string> seen;
  storage::PageRequest page{7, ""};
  for (;;) {
    auto p = repo_->children("01", "", page);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->total, all->total);
    for (const auto& c : p->items) EXPECT_TRUE(seen.insert(c.code).second) << c.code;
    if (!p->next_after) break;
    page.after = *p->next_after;
  }
  EXPECT_EQ(static_cast<std::int64_t>(seen.size()), all->total);
  EXPECT_GT(all->total, 100);
}

TEST_P(PlaceRepositoryTest, ChildrenOfUnknownPlaceIsNotFound) {
  auto r = repo_->children("ZZ", "", {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
}

TEST_P(PlaceRepositoryTest, AgenciesBelongToPlaces) {
  ASSERT_TRUE(repo_->upsert_agencies(
      {{"UBND-00004", "Ủy ban nhân dân Phường Ba Đình", "people_committee", "00004"}}));
  auto list = repo_->list_agencies("00004", "uy ban", {});
  ASSERT_TRUE(list);
  ASSERT_EQ(list->items.size(), 1u);
  EXPECT_EQ(list->items[0].code, "UBND-00004");
  ASSERT_TRUE(repo_->upsert_agencies(
      {{"CAX-00004", "Công an Phường Ba Đình", "commune_police", "00004", "", "", "", "7:30-17:00"}}));
  auto police = repo_->find_agency("commune_police", "00004");
  ASSERT_TRUE(police) << police.error().message;
  EXPECT_EQ(police->code, "CAX-00004");
  EXPECT_EQ(police->office_hours, "7:30-17:00");
  auto none = repo_->find_agency("commune_police", "00007");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(none.error().field, "place");
  ASSERT_TRUE(repo_->upsert_agencies({{"CAX2-00004", "Công an khác", "commune_police", "00004"}}));
  auto two = repo_->find_agency("commune_police", "00004");
  ASSERT_FALSE(two) << "two agencies of one kind at one place: no guess";
  EXPECT_EQ(two.error().code, ErrorCode::kConflict);
  auto orphan = repo_->upsert_agencies({{"X", "X", "people_committee", "nope"}});
  EXPECT_FALSE(orphan) << "an agency must belong to a known place";
  auto unknown_place = repo_->list_agencies("nope", "", {});
  ASSERT_FALSE(unknown_place);
  EXPECT_EQ(unknown_place.error().field, "place");
}

SEN_INSTANTIATE_FOR_BACKENDS(PlaceRepositoryTest);

}  // namespace
}  // namespace sen::places
