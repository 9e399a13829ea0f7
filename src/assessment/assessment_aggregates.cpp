#include "assessment/assessment_aggregates.hpp"

#include <boost/json.hpp>

namespace sen::assessment {
namespace {

namespace json = boost::json;

}  // namespace

Result<std::vector<Standing>> AssessmentAggregates::standings(const AggregateFilter& filter) {
  if (frameworks_.latest(filter.framework) == nullptr)
    return fail(ErrorCode::kInvalidArgument, "No framework with this id", "framework");
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto r = (*conn)->execute(
      "SELECT subject_id, submitted_at, score, level, industry, size, province_code, place_code FROM "
      "assessments "
      "WHERE framework = $1 AND status IN ('submitted', 'confirmed') AND score IS NOT NULL AND "
      "($2 = '' OR province_code = $2) AND ($3 = '' OR place_code = $3)",
      {filter.framework, filter.province, filter.place});
  if (!r) return tl::unexpected(r.error());
  std::map<std::string, Standing> latest;
  for (const auto& row : r->rows) {
    auto& slot = latest[row.text(0)];
    if (row.text(1) < slot.submitted_at) continue;
    slot = Standing{row.text(7), row.text(6), row.text(4), row.text(5), row.is_null(3) ? "" : row.text(3),
                    row.text(1), row.real(2)};
  }
  std::vector<Standing> out;
  out.reserve(latest.size());
  for (auto& [subject, s] : latest) out.push_back(std::move(s));
  return out;
}

Result<std::vector<AggregateRow>> AssessmentAggregates::group(const AggregateFilter& filter, GroupBy by) {
  auto latest = standings(filter);
  if (!latest) return tl::unexpected(latest.error());
  std::map<std::string, AggregateRow> groups;
  for (const auto& l : *latest) {
    std::string key;
    switch (by) {
      case GroupBy::kIndustry:
        key = l.industry;
        break;
      case GroupBy::kSize:
        key = l.size;
        break;
      case GroupBy::kLevel:
        key = l.level;
        break;
      case GroupBy::kProvince:
        key = l.province;
        break;
    }
    auto& g = groups[key];
    g.key = key;
    g.mean_score += l.score;  // a sum until divided below
    ++g.subjects;
    ++g.by_level[l.level];
  }
  std::vector<AggregateRow> out;
  for (auto& [key, g] : groups) {
    g.mean_score /= static_cast<double>(g.subjects);
    out.push_back(std::move(g));
  }
  return out;
}

Result<json::object> AssessmentAggregates::progress_to_2030() {
  auto rows = group({programme_.targets_framework, "", ""}, GroupBy::kLevel);
  if (!rows) return tl::unexpected(rows.error());
  const Framework* f = frameworks_.latest(programme_.targets_framework);
  json::array levels;
  for (const auto& band : f->levels->bands) {
    std::int64_t count = 0;
    for (const auto& row : *rows)
      if (row.key == band.id) count = row.subjects;
    const auto target = programme_.targets.find(band.id);
    levels.push_back(json::object{
        {"level",
         json::object{{"id", band.id}, {"name", json::object{{"vi", band.name.vi}, {"en", band.name.en}}}}},
        {"enterprises", count},
        {"target_2030",
         target == programme_.targets.end() ? json::value(nullptr) : json::value(target->second)}});
  }
  return json::object{{"framework", programme_.targets_framework}, {"levels", std::move(levels)}};
}

}  // namespace sen::assessment
