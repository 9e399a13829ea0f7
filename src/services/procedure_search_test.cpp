#include "services/procedure_search.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "services/procedure_pack.hpp"

namespace sen::services {
namespace {

std::vector<std::shared_ptr<const Procedure>> shipped() {
  auto loaded = load_procedure_directory(std::filesystem::path(SEN_SOURCE_DIR) / "packs/vn/procedures");
  EXPECT_TRUE(loaded.has_value());
  std::vector<std::shared_ptr<const Procedure>> out;
  if (loaded)
    for (auto& p : *loaded) out.push_back(std::make_shared<const Procedure>(std::move(p)));
  return out;
}

std::string first(std::string_view query) {
  const auto found = rank_procedures(query, shipped());
  return found.empty() ? "" : found.front().procedure->code;
}

TEST(ProcedureSearch, BirthRegistrationFoundHoweverItIsTyped) {
  for (std::string_view q :
       {"khai sinh", "Khai sinh", "đăng ký khai sinh", "dang ky khai sinh", "giay khai sinh",
        "giấy khai sinh", "khai xinh", "KHAI SINH", "sinh khai", "1.001193"})
    EXPECT_EQ(first(q), "1.001193") << q;
}

TEST(ProcedureSearch, EveryWordMustBeFound) {
  for (const auto& m : rank_procedures("khai xinh", shipped()))
    EXPECT_NE(m.procedure->code, "1.000656") << "death registration has no word near \"xinh\"";
  EXPECT_TRUE(rank_procedures("khai sinh hộ chiếu", shipped()).empty());
  EXPECT_TRUE(rank_procedures("   ", shipped()).empty());
}

TEST(ProcedureSearch, NameBeforeSectorBeforeResult) {
  // "hộ tịch" is the sector of many procedures and in the name of one: that one comes first.
  EXPECT_EQ(first("ho tich"), "2.000635");
  // "căn cước" names two procedures; the shorter name first, then by code.
  const auto cards = rank_procedures("can cuoc", shipped());
  ASSERT_GE(cards.size(), 2u);
  EXPECT_EQ(cards[0].procedure->code, "2.001194");
  EXPECT_EQ(cards[1].procedure->code, "2.001195");
}

TEST(ProcedureSearch, SpellingsThatSoundTheSame) {
  EXPECT_EQ(first("giay khai xinh"), "1.001193");
  EXPECT_EQ(first("ket hon"), "1.000894");
  EXPECT_EQ(first("ket hom"), "") << "m and n at the end are not confused";
  EXPECT_EQ(first("trung thuc chu ky"), "2.000884") << "tr/ch";
  EXPECT_EQ(first("cap ho chieu"), "1.001456");
  EXPECT_EQ(first("xay zung"), "") << "z is no Vietnamese spelling";
  for (const auto& m : rank_procedures("khai sinh", shipped()))
    EXPECT_NE(m.procedure->code, "9.900001") << "\"dinh\" (thẩm định) does not sound like \"sinh\"";
}

}  // namespace
}  // namespace sen::services
