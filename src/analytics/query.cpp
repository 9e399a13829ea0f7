#include "analytics/query.hpp"

#include <fmt/format.h>

namespace sen::analytics {
namespace {

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find(sep, start);
    out.emplace_back(text.substr(start, end == text.npos ? text.npos : end - start));
    if (end == text.npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace

Result<Query> parse_query(const QueryText& text, const Engine& engine, Month today, std::size_t max_cells) {
  const Metadata& meta = engine.metadata();
  const PlaceTree& tree = engine.tree();
  Query q;
  if (text.indicators.empty())
    return fail(ErrorCode::kInvalidArgument,
                "indicator is required: one or more indicator ids, comma-separated", "indicator");
  for (const auto& id : split(text.indicators, ',')) {
    const Indicator* ind = meta.indicator_or_element(id);
    if (ind == nullptr)
      return fail(ErrorCode::kInvalidArgument,
                  fmt::format("indicator: no indicator or data element \"{}\" (see /api/v1/indicators)",
                              id.substr(0, 64)),
                  "indicator");
    q.indicators.push_back(ind);
  }
  std::vector<Node> roots;
  for (const auto& code : split(text.places.empty() ? "VN" : text.places, ',')) {
    auto node = tree.find(code);
    if (!node)
      return fail(ErrorCode::kInvalidArgument, fmt::format("place: no place \"{}\"", code.substr(0, 16)),
                  "place");
    roots.push_back(*node);
  }
  for (Node root : roots) {
    std::vector<Node> nodes;
    if (text.level.empty())
      nodes = {root};
    else if (text.level == "children")
      nodes = tree.children(root);
    else if (text.level == "province")
      nodes = tree.at_level(root, Level::kProvince);
    else if (text.level == "commune")
      nodes = tree.at_level(root, Level::kCommune);
    else
      return fail(ErrorCode::kInvalidArgument, "level must be children, province or commune", "level");
    q.places.insert(q.places.end(), nodes.begin(), nodes.end());
  }
  if (text.periods.empty())
    return fail(ErrorCode::kInvalidArgument,
                "period is required, e.g. 2026, 2026-Q1, 2026-01 or LAST_12_MONTHS", "period");
  for (const auto& p : split(text.periods, ',')) {
    auto periods = parse_periods(p, today, "period");
    if (!periods) return tl::unexpected(periods.error());
    q.periods.insert(q.periods.end(), periods->begin(), periods->end());
  }
  if (!text.by.empty()) {
    q.by = dimension_named(text.by);
    if (!q.by)
      return fail(ErrorCode::kInvalidArgument, "by must be procedure, channel, level, industry or size",
                  "by");
  }
  if (!text.filters.empty()) {
    for (const auto& f : split(text.filters, ';')) {
      const auto colon = f.find(':');
      auto dim = colon == std::string::npos ? std::nullopt : dimension_named(f.substr(0, colon));
      if (!dim || colon + 1 >= f.size())
        return fail(ErrorCode::kInvalidArgument,
                    "filter must read dimension:value[;dimension:value], e.g. channel:online", "filter");
      q.filters.emplace_back(*dim, f.substr(colon + 1));
    }
  }
  for (const Indicator* ind : q.indicators) {
    const auto allows = [&](Dimension d) {
      return std::find(ind->dimensions.begin(), ind->dimensions.end(), d) != ind->dimensions.end();
    };
    if (q.by && !allows(*q.by))
      return fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} does not break down by {}", ind->id, name(*q.by)), "by");
    for (const auto& [d, v] : q.filters)
      if (!allows(d))
        return fail(ErrorCode::kInvalidArgument, fmt::format("{} cannot be filtered by {}", ind->id, name(d)),
                    "filter");
  }
  const std::size_t cells = q.indicators.size() * q.places.size() * q.periods.size();
  if (cells > max_cells)
    return fail(ErrorCode::kInvalidArgument,
                fmt::format("The query asks for {} cells; at most {} are answered at once "
                            "(analytics.query_max_cells): ask for "
                            "fewer places or periods",
                            cells, max_cells),
                "period");
  return q;
}

std::vector<QueryRow> run_query(const Query& q, const Engine& engine, const Targets& targets) {
  std::vector<QueryRow> rows;
  for (const Indicator* ind : q.indicators) {
    const auto indicator_targets = targets.list(ind->id);
    for (Node place : q.places) {
      for (const Period& period : q.periods) {
        const auto target = q.by || indicator_targets.empty()
                                ? std::nullopt
                                : targets.applying_among(indicator_targets, place, period.last);
        for (auto& cell : engine.evaluate(*ind, place, period, q.filters, q.by)) {
          QueryRow row{ind, place, period, std::move(cell), std::nullopt, std::nullopt};
          if (target) {
            row.expected = expected_at(*target, period.last);
            if (row.cell.value)
              row.status = track_status(*target, ind->higher_is_better, *row.cell.value, period.last);
          }
          rows.push_back(std::move(row));
        }
      }
    }
  }
  return rows;
}

}  // namespace sen::analytics
