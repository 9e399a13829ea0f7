#include "services/labels.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace sen::services {
namespace {

// Every value has words in both languages, and no two values of a kind read the same (a reader could
// not tell them apart).
template <class Values, class Label>
void expect_distinct_words(const Values& values, Label label) {
  for (auto lang : {Language::kVietnamese, Language::kEnglish}) {
    std::set<std::string_view> seen;
    for (auto v : values) {
      const auto words = label(v, lang);
      EXPECT_FALSE(words.empty()) << name(v);
      EXPECT_TRUE(seen.insert(words).second) << "two values read " << words;
    }
  }
}

TEST(Labels, EveryStatusActionAndRoleHasItsOwnWords) {
  expect_distinct_words(kAllStatuses, status_label);
  expect_distinct_words(kAllActions, event_label);
  expect_distinct_words(kAllRoles, actor_role_label);
  EXPECT_EQ(status_label(DossierStatus::kProcessing, Language::kVietnamese), "Đang xử lý");
  EXPECT_EQ(event_label(DossierAction::kAccept, Language::kEnglish), "Accepted at intake");
}

TEST(Labels, Timeliness) {
  EXPECT_EQ(timeliness_label("late", Language::kVietnamese), "Trễ hạn");
  EXPECT_EQ(timeliness_label("on_time", Language::kEnglish), "On time");
  EXPECT_EQ(timeliness_label("sometime", Language::kEnglish), "");
}

}  // namespace
}  // namespace sen::services
