// The catalogue on both backends: releases are written only when the table changes, never change
// afterwards, come back after a restart, and a dataset with a personal column is never published.
#include "opendata/catalogue.hpp"

#include <gtest/gtest.h>

#include "storage/testing/backend_test.hpp"

namespace sen::opendata {
namespace {

class CatalogueTest : public storage::testing::BackendTest {
 protected:
  static Dataset dataset() {
    Dataset d;
    d.kind = DatasetKind::kUpload;
    d.meta.name = "truong-hoc";
    d.meta.title = {"Trường học", "Schools"};
    d.meta.description = {"Danh sách trường học", "Schools"};
    d.meta.publisher = "VPCP";
    d.meta.theme = "society";
    d.meta.keywords = {"giáo dục"};
    d.meta.spatial = "VN";
    d.meta.licence = "CC-BY-4.0";
    d.meta.contact = "dulieu@example.vn";
    return d;
  }
  static std::vector<Column> columns(bool personal = false) {
    return {
        Column{
            "name", ColumnType::kText, {"Tên", "Name"}, {"Tên trường", "School"}, "", personal, true, true},
        Column{"pupils",
               ColumnType::kInteger,
               {"Học sinh", "Pupils"},
               {"Số học sinh", "Pupils"},
               "",
               false,
               true,
               false}};
  }
  static std::vector<std::vector<Value>> rows(std::int64_t pupils) {
    return {{Value("Trường A"), Value(pupils)}, {Value("Trường B"), Value(std::int64_t{420})}};
  }
};

TEST_P(CatalogueTest, ReleasesAreWrittenOnChangeAndNeverAltered) {
  if (!ready()) return;
  Catalogue catalogue(db(), clock_);
  ASSERT_TRUE(catalogue.load());
  ASSERT_TRUE(catalogue.put(dataset(), ""));
  auto first = catalogue.publish("truong-hoc", columns(), rows(300), "first", "");
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(*first, std::optional<int>(1));
  auto same = catalogue.publish("truong-hoc", columns(), rows(300), "again", "");
  ASSERT_TRUE(same);
  EXPECT_FALSE(same->has_value()) << "an unchanged table makes no release";
  auto second = catalogue.publish("truong-hoc", columns(), rows(310), "more pupils", "");
  ASSERT_TRUE(second);
  EXPECT_EQ(*second, std::optional<int>(2));

  Catalogue reopened(db(), clock_);
  ASSERT_TRUE(reopened.load());
  ASSERT_EQ(reopened.releases("truong-hoc").size(), 2u);
  auto one = reopened.release("truong-hoc", 1);
  ASSERT_TRUE(one);
  EXPECT_EQ((*one)->rows[0][1].as_int64(), 300);
  EXPECT_EQ((*one)->columns[0].id, "name");
  EXPECT_TRUE((*one)->columns[0].key);
  EXPECT_EQ(reopened.latest("truong-hoc")->rows[0][1].as_int64(), 310);
  EXPECT_EQ(reopened.find("truong-hoc")->meta.title.en, "Schools");
  auto missing = reopened.release("truong-hoc", 3);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(missing.error().field, "release");
}

TEST_P(CatalogueTest, APersonalColumnIsNeverPublished) {
  if (!ready()) return;
  Catalogue catalogue(db(), clock_);
  ASSERT_TRUE(catalogue.load());
  ASSERT_TRUE(catalogue.put(dataset(), ""));
  auto refused = catalogue.publish("truong-hoc", columns(true), rows(300), "", "");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.error().field, "dictionary");
  EXPECT_NE(refused.error().message.find("name"), std::string::npos);
  EXPECT_TRUE(catalogue.releases("truong-hoc").empty());
}

SEN_INSTANTIATE_FOR_BACKENDS(CatalogueTest);

}  // namespace
}  // namespace sen::opendata
