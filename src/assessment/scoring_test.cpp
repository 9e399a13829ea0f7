#include "assessment/scoring.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "assessment/framework_file.hpp"

namespace sen::assessment {
namespace {

namespace json = boost::json;

// Two pillars with equal weights. "ops" holds a checklist over a three-tool catalogue with one link
// (total 2 + 1 + 1 + link 2 = 6 points) and a numeric item; "lead" two choice items. Bands split at
// 50; a gate caps the level at "basic" unless "plan" is answered "yes".
constexpr std::string_view kFramework = R"({
  "code": "test-sme", "version": 1, "supersedes": null,
  "name": {"vi": "Thử", "en": "Test"}, "notes": {"vi": "Thử", "en": "Test"},
  "issuer": "Test", "sources": ["https://example.org"], "subject_type": "enterprise",
  "scale": {"max": 100}, "aggregate": "weighted_mean",
  "industries": [{"id": "retail", "name": {"vi": "Bán lẻ", "en": "Retail"}}],
  "catalogues": {"retail": {
    "tools": [
      {"id": "pos", "category": "pos", "name": {"vi": "POS", "en": "POS"}, "points": 2},
      {"id": "einvoice", "category": "e_invoice", "name": {"vi": "HĐĐT", "en": "E-invoice"}, "points": 1},
      {"id": "shop", "category": "ecommerce", "name": {"vi": "Web", "en": "Web shop"}, "points": 1}],
    "links": [{"tools": ["pos", "einvoice"], "points": 2}]}},
  "nodes": [
    {"id": "ops", "kind": "pillar", "name": {"vi": "Vận hành", "en": "Operations"}, "aggregate": "weighted_mean",
     "weight": 0.5, "items": [
       {"id": "tools", "kind": "checklist", "text": {"vi": "Công cụ", "en": "Tools"}, "source": "self_report",
        "weight": 0.5},
       {"id": "online_share", "kind": "numeric", "text": {"vi": "Tỷ lệ", "en": "Share"}, "source": "self_report",
        "weight": 0.5, "min": 0, "max": 100, "unit": "%",
        "thresholds": [{"at_least": 0, "score": 0}, {"at_least": 10, "score": 0.5}, {"at_least": 30, "score": 1}]}]},
    {"id": "lead", "kind": "pillar", "name": {"vi": "Lãnh đạo", "en": "Leadership"}, "aggregate": "sum",
     "weight": 0.5, "items": [
       {"id": "plan", "kind": "single_choice", "text": {"vi": "Kế hoạch", "en": "Plan"}, "source": "self_report",
        "max_points": 6, "options": [
          {"id": "no", "label": {"vi": "Không", "en": "No"}, "score": 0},
          {"id": "draft", "label": {"vi": "Dự thảo", "en": "Draft"}, "score": 0.5},
          {"id": "yes", "label": {"vi": "Có", "en": "Yes"}, "score": 1}]},
       {"id": "skills", "kind": "multiple_choice", "text": {"vi": "Kỹ năng", "en": "Skills"}, "source": "assessor",
        "max_points": 4, "options": [
          {"id": "a", "label": {"vi": "A", "en": "A"}, "score": 0.6},
          {"id": "b", "label": {"vi": "B", "en": "B"}, "score": 0.6}]}]}],
  "pillars": "nodes",
  "levels": {
    "bands": [{"id": "basic", "name": {"vi": "Cơ bản", "en": "Basic"}, "from": 0, "to": 50},
              {"id": "advanced", "name": {"vi": "Nâng cao", "en": "Advanced"}, "from": 50, "to": 100}],
    "gates": [{"id": "needs-plan", "name": {"vi": "Có kế hoạch", "en": "Has a plan"}, "item": "plan",
               "options": ["yes"], "cap": "basic"}]},
  "recommendations": [
    {"id": "ops-weak", "node": "ops", "below_percent": 50, "levels": ["basic"],
     "text": {"vi": "Dùng POS", "en": "Use a POS"}, "categories": ["pos"]}]
})";

Framework framework(std::string_view text = kFramework) {
  auto f = parse_framework(text, "test");
  EXPECT_TRUE(f.has_value()) << (f ? "" : f.error().message);
  return *f;
}

const Subject kRetail{"retail", "small"};

Scored score_of(const Framework& f, std::string_view answers_json) {
  auto answers = parse_answers(f, json::parse(answers_json).as_object(), kRetail);
  EXPECT_TRUE(answers.has_value()) << (answers ? "" : answers.error().message);
  return score(f, *answers, kRetail, {});
}

TEST(Scoring, WeightedMeanOfPillarsBySumAndMean) {
  const auto f = framework();
  // tools: pos + einvoice + link = 5 of 6; share 12 -> 0.5; ops = (5/6 + 0.5) / 2 = 2/3.
  // plan draft = 3 of 6, skills a+b = min(1, 1.2) = 4 of 4; lead = 7/10. Overall (2/3 + 0.7) / 2.
  const auto s = score_of(f, R"({"tools": ["pos", "einvoice", "pos+einvoice"], "online_share": 12,
                                 "plan": "draft", "skills": ["a", "b"]})");
  ASSERT_TRUE(s.fraction);
  EXPECT_NEAR(*s.nodes.at("ops").fraction, 2.0 / 3.0, 1e-9);
  EXPECT_NEAR(*s.nodes.at("lead").fraction, 0.7, 1e-9);
  EXPECT_NEAR(s.nodes.at("lead").points, 0, 1e-9);  // a pillar under a weighted mean has no points
  EXPECT_NEAR(s.score, 68.333333, 1e-6);
  ASSERT_EQ(s.pillars.size(), 2u);
  EXPECT_EQ(s.pillars[0].id, "ops");
}

TEST(Scoring, CatalogueLinkCountsOnlyWithBothTools) {
  const auto f = framework();
  // A link without both tools is refused at the edge...
  auto refused = parse_answers(f, json::parse(R"({"tools": ["pos", "pos+einvoice"]})").as_object(), kRetail);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().field, "answers.tools");
  // ...and tools without their link earn only their own points: pos + einvoice = 3 of 6.
  const auto s = score_of(f, R"({"tools": ["pos", "einvoice"]})");
  EXPECT_NEAR(*s.items.at("tools"), 0.5, 1e-9);
  // A tool of another industry's catalogue is not a tool here.
  auto other = parse_answers(f, json::parse(R"({"tools": ["tractor"]})").as_object(), kRetail);
  ASSERT_FALSE(other.has_value());
  EXPECT_NE(other.error().message.find("retail catalogue"), std::string::npos);
}

TEST(Scoring, NotApplicableItemsDropOutAndTheRestIsReweighted) {
  const auto f = framework();
  // online_share n/a: ops is the checklist alone (6/6 = 1). skills unanswered (an assessor's item):
  // lead is plan alone (1). Nothing left at 0 weight.
  const auto s = score_of(f, R"({"tools": ["pos", "einvoice", "shop", "pos+einvoice"], "online_share": "na",
                                 "plan": "yes"})");
  EXPECT_FALSE(s.items.at("online_share").has_value());
  EXPECT_FALSE(s.items.at("skills").has_value());
  EXPECT_NEAR(s.score, 100, 1e-9);
  // A pillar whose every item is n/a is itself n/a, and the overall score is the other pillar's.
  const auto half = score_of(f, R"({"tools": "na", "online_share": "na", "plan": "draft", "skills": "na"})");
  EXPECT_FALSE(half.nodes.at("ops").fraction.has_value());
  EXPECT_NEAR(half.score, 50, 1e-9);
  // Everything n/a: no score and no level.
  const auto none = score_of(f, R"({"tools": "na", "online_share": "na", "plan": "na", "skills": "na"})");
  EXPECT_FALSE(none.fraction.has_value());
  EXPECT_EQ(none.level, nullptr);
}

TEST(Scoring, ScoreExactlyOnABandEdgeBelongsToTheUpperBand) {
  const auto f = framework();
  // ops: every tool and the link (6/6) with a share of 0 -> 0.5; lead: plan draft alone -> 0.5. 50 exactly.
  const auto exactly =
      score_of(f, R"({"tools": ["pos", "einvoice", "shop", "pos+einvoice"], "online_share": 0,
                                       "plan": "draft", "skills": "na"})");
  EXPECT_DOUBLE_EQ(exactly.score, 50);
  EXPECT_EQ(exactly.band->id, "advanced");
  // Without the link: ops (4/6 + 0) / 2 = 1/3, overall 41.67, the lower band.
  const auto below = score_of(f, R"({"tools": ["pos", "einvoice", "shop"], "online_share": 0,
                                     "plan": "draft", "skills": "na"})");
  EXPECT_NEAR(below.score, 41.666667, 1e-6);
  EXPECT_EQ(below.band->id, "basic");
}

TEST(Scoring, GateCapsTheLevelAndNamesWhatBlocksTheNext) {
  const auto f = framework();
  // 50 exactly with plan "draft": band advanced, but the gate wants plan "yes" and caps at basic.
  const auto s = score_of(f, R"({"tools": ["pos", "einvoice", "shop", "pos+einvoice"], "online_share": 0,
                                 "plan": "draft", "skills": "na"})");
  EXPECT_EQ(s.band->id, "advanced");
  ASSERT_NE(s.level, nullptr);
  EXPECT_EQ(s.level->id, "basic");
  ASSERT_EQ(s.gates_failed.size(), 1u);
  EXPECT_EQ(s.gates_failed[0]->id, "needs-plan");
  ASSERT_TRUE(s.gap);
  EXPECT_EQ(s.gap->next->id, "advanced");
  EXPECT_DOUBLE_EQ(s.gap->points, 0);  // the score is there; only the gate holds it back
  ASSERT_EQ(s.gap->blocked_by.size(), 1u);
  // The recommendation for a weak "ops" applies only at "basic" and only under 50%: ops is 0.5, not under.
  EXPECT_TRUE(s.recommendations.empty());
  const auto weak = score_of(f, R"({"tools": ["pos"], "online_share": 0, "plan": "no", "skills": "na"})");
  ASSERT_EQ(weak.recommendations.size(), 1u);
  EXPECT_EQ(weak.recommendations[0]->id, "ops-weak");
  ASSERT_TRUE(weak.gap);
  EXPECT_GT(weak.gap->points, 0);
  // At the top level there is no next level.
  const auto top = score_of(f, R"({"tools": ["pos", "einvoice", "shop", "pos+einvoice"], "online_share": 50,
                                   "plan": "yes", "skills": ["a", "b"]})");
  EXPECT_EQ(top.level->id, "advanced");
  EXPECT_FALSE(top.gap.has_value());
}

TEST(Scoring, UpgradeReScoresAnOldAssessment) {
  const auto v1 = framework();
  // Version 2 replaces the numeric item by a single choice and moves the first band edge to 40.
  std::string text(kFramework);
  const auto replace = [&](std::string_view from, std::string_view to) {
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  replace(R"("version": 1, "supersedes": null)", R"("version": 2, "supersedes": 1)");
  replace(R"("to": 50},)", R"("to": 40},)");
  replace(R"("from": 50, "to": 100})", R"("from": 40, "to": 100})");
  const auto v2 = framework(text);
  const json::object old_answers = json::parse(R"({"tools": ["pos", "einvoice", "shop"], "online_share": 0,
                                                  "plan": "draft", "skills": "na"})")
                                       .as_object();
  const auto before = score(v1, *parse_answers(v1, old_answers, kRetail), kRetail, {});
  std::vector<std::string> dropped;
  const auto carried = carry_over(v2, old_answers, kRetail, dropped);
  EXPECT_TRUE(dropped.empty());
  const auto after = score(v2, carried, kRetail, {});
  EXPECT_DOUBLE_EQ(before.score, after.score);  // same answers, same tree
  EXPECT_EQ(before.band->id, "basic");
  EXPECT_EQ(after.band->id, "advanced");  // the new edge moves it up
  // An answer the new version cannot read is dropped and named, not guessed.
  replace(R"({"id": "draft", "label": {"vi": "Dự thảo", "en": "Draft"}, "score": 0.5},)", "");
  const auto v3 = framework(text);
  const auto partial = carry_over(v3, old_answers, kRetail, dropped);
  EXPECT_EQ(dropped, std::vector<std::string>{"plan"});
  EXPECT_FALSE(partial.contains("plan"));
}

TEST(Scoring, ComputedItemsReadPlatformDataAndAreNotApplicableWithout) {
  constexpr std::string_view kComputed = R"({
    "code": "test-766", "version": 1, "name": {"vi": "T", "en": "T"}, "notes": {"vi": "T", "en": "T"},
    "issuer": "T", "sources": ["x"], "subject_type": "agency", "scale": {"max": 100}, "aggregate": "sum",
    "nodes": [{"id": "g", "kind": "group", "name": {"vi": "G", "en": "G"}, "aggregate": "sum", "max_points": 100,
      "items": [
        {"id": "on_time", "kind": "computed", "text": {"vi": "Đúng hạn", "en": "On time"}, "source": "automatic",
         "max_points": 60, "metric": "on_time_rate", "target": 0.8},
        {"id": "speed", "kind": "computed", "text": {"vi": "Thời gian", "en": "Time"}, "source": "automatic",
         "max_points": 40, "metric": "processing_time_ratio", "target": 1, "direction": "lower"}]}],
    "levels": null})";
  const auto f = framework(kComputed);
  const auto s = score(f, {}, {}, {{Metric::kOnTimeRate, 0.6}, {Metric::kProcessingTimeRatio, 2.0}});
  // 0.6 / 0.8 = 0.75 x 60 = 45; 1 / 2 = 0.5 x 40 = 20.
  EXPECT_NEAR(s.score, 65, 1e-9);
  const auto partial = score(f, {}, {}, {{Metric::kOnTimeRate, 0.9}});
  EXPECT_NEAR(partial.score, 100, 1e-9);  // capped at the target; no time data: re-weighted
  auto answered = parse_answers(f, json::parse(R"({"on_time": 1})").as_object(), {});
  ASSERT_FALSE(answered.has_value());
  EXPECT_EQ(answered.error().field, "answers.on_time");
}

}  // namespace
}  // namespace sen::assessment
