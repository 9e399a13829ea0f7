#include "opendata/live_table.hpp"

#include <cmath>

#include "opendata/disclosure.hpp"

namespace sen::opendata {

namespace {

using analytics::Level;
using analytics::Node;
using analytics::Period;
using analytics::PeriodType;

Column column(std::string id, ColumnType type, Text label, Text definition, std::string unit = "") {
  const bool key = id == "place_code" || id == "period";
  return Column{std::move(id), type, std::move(label), std::move(definition), std::move(unit), false,
                false,         key};
}

// Counts of people or dossiers, summed up the tree: what disclosure control is about. Imported
// values (a share of GDP) and scores are published as reported.
bool made_of_counts(const analytics::Indicator& ind, const analytics::Metadata& meta) {
  for (const auto* side : {&ind.numerator, &ind.denominator})
    for (const auto& t : *side) {
      const auto* e = meta.element(t.element);
      if (e == nullptr || e->unit != "count" || e->aggregation != analytics::Aggregation::kSum) return false;
    }
  return true;
}

std::int64_t whole(std::optional<double> v) { return v ? static_cast<std::int64_t>(std::llround(*v)) : 0; }

}  // namespace

std::vector<Period> live_periods(const LiveDefinition& def, analytics::Month today) {
  std::vector<Period> out;
  for (int back = def.periods - 1; back >= 0; --back) {
    switch (def.period_type) {
      case PeriodType::kMonth:
        out.push_back(analytics::month_period(today - back));
        break;
      case PeriodType::kQuarter: {
        const int quarter_index =
            analytics::year_of(today) * 4 + (analytics::month_in_year(today) - 1) / 3 - back;
        out.push_back(analytics::quarter_period(quarter_index / 4, quarter_index % 4 + 1));
        break;
      }
      case PeriodType::kYear:
      case PeriodType::kYearToDate:
        out.push_back(analytics::year_period(analytics::year_of(today) - back));
        break;
    }
  }
  return out;
}

Result<PublishedTable> build_live_table(const LiveDefinition& def, const analytics::Engine& engine,
                                        analytics::Month today, std::int64_t threshold) {
  const auto& meta = engine.metadata();
  const auto* ind = meta.indicator(def.indicator);
  if (ind == nullptr) return fail(ErrorCode::kNotFound, "No indicator " + def.indicator, "indicator");
  if (!ind->published)
    return fail(ErrorCode::kForbidden, "Indicator " + def.indicator + " is not published", "indicator");
  const auto& tree = engine.tree();
  const auto nation = tree.find("VN");
  if (!nation) return fail_internal("the place tree has no nation");

  // Rows: each parent followed by its places, so a reader sees a total above its parts.
  std::vector<Node> places;
  std::vector<std::pair<std::size_t, std::vector<std::size_t>>> families;  // parent row, child rows
  const auto add_family = [&](Node parent) {
    const std::size_t parent_row = places.size();
    places.push_back(parent);
    std::vector<std::size_t> children;
    for (Node c : tree.children(parent)) {
      children.push_back(places.size());
      places.push_back(c);
    }
    families.emplace_back(parent_row, std::move(children));
  };
  if (def.level == Level::kProvince) {
    add_family(*nation);
  } else {
    for (Node province : tree.children(*nation)) add_family(province);
  }
  const auto periods = live_periods(def, today);

  const bool ratio = ind->is_ratio();
  const bool counts = made_of_counts(*ind, meta);
  const std::size_t n = places.size() * periods.size();
  const auto cell_index = [&](std::size_t place_row, std::size_t period) {
    return period * places.size() + place_row;
  };
  std::vector<analytics::Cell> cells(n);
  for (std::size_t p = 0; p < periods.size(); ++p)
    for (std::size_t i = 0; i < places.size(); ++i) {
      auto values = engine.evaluate(*ind, places[i], periods[p], {}, std::nullopt);
      if (!values.empty()) cells[cell_index(i, p)] = std::move(values.front());
    }

  // Disclosure control over the counts: the numerator and denominator grids of a ratio, the value
  // grid of a count; each with a relation per family and period. A parent's figure may also hold
  // dossiers of its own agencies, so its relation is "at least": treated as exact, which can only
  // hide more.
  const auto protect_grid = [&](auto get) {
    CountGrid g;
    g.counts.resize(n);
    for (std::size_t k = 0; k < n; ++k) g.counts[k] = whole(get(cells[k]));
    for (std::size_t p = 0; p < periods.size(); ++p)
      for (const auto& [parent, children] : families) {
        CountGrid::Relation r{cell_index(parent, p), {}};
        for (auto c : children) r.parts.push_back(cell_index(c, p));
        g.relations.push_back(std::move(r));
      }
    if (counts) {
      protect(g, threshold);
    } else {
      g.marks.assign(n, Suppression::kNone);
    }
    return g;
  };
  const auto numerators =
      protect_grid([ratio](const analytics::Cell& c) { return ratio ? c.numerator : c.value; });
  const auto denominators = protect_grid(
      [ratio](const analytics::Cell& c) { return ratio ? c.denominator : std::optional<double>(); });

  PublishedTable t;
  t.columns = {
      column("place_code", ColumnType::kText, {"Mã địa bàn", "Place code"},
             {"Mã đơn vị hành chính (sau sắp xếp 2025)",
              "Administrative unit code (after the 2025 reorganisation)"}),
      column("place_name", ColumnType::kText, {"Địa bàn", "Place"},
             {"Tên đơn vị hành chính", "Name of the unit"}),
      column("level", ColumnType::kText, {"Cấp", "Level"},
             {"nation, province hoặc commune; hàng cấp trên là tổng của các hàng cấp dưới",
              "nation, province or commune; a parent's row totals its children's"}),
      column("parent_code", ColumnType::kText, {"Mã cấp trên", "Parent code"},
             {"Mã đơn vị cấp trên", "Code of the parent unit"}),
      column("period", ColumnType::kText, {"Kỳ", "Period"},
             {"Tháng (2026-01), quý (2026-Q1) hoặc năm (2026); kỳ hiện tại tính đến hôm nay",
              "Month (2026-01), quarter (2026-Q1) or year (2026); the current period runs to date"}),
      column("value", ratio ? ColumnType::kNumber : ColumnType::kInteger, ind->name, ind->definition,
             ind->unit),
      column("value_status", ColumnType::kText, {"Ghi chú giá trị", "Value note"},
             {"Mã lý do khi giá trị bị ẩn: S1, S2, S3", "Reason code when the value is hidden: S1, S2, S3"})};
  if (ratio) {
    t.columns.push_back(column(
        "numerator", ColumnType::kInteger, {"Tử số", "Numerator"},
        {analytics::expression_text(ind->numerator), analytics::expression_text(ind->numerator)}, "count"));
    t.columns.push_back(column("numerator_status", ColumnType::kText, {"Ghi chú tử số", "Numerator note"},
                               {"Mã lý do khi bị ẩn", "Reason code when hidden"}));
    t.columns.push_back(
        column("denominator", ColumnType::kInteger, {"Mẫu số", "Denominator"},
               {analytics::expression_text(ind->denominator), analytics::expression_text(ind->denominator)},
               "count"));
    t.columns.push_back(column("denominator_status", ColumnType::kText,
                               {"Ghi chú mẫu số", "Denominator note"},
                               {"Mã lý do khi bị ẩn", "Reason code when hidden"}));
  }
  const auto number = [](std::optional<double> v) {
    return v ? Value(std::round(*v * 10000) / 10000) : Value(nullptr);
  };
  const auto status = [](Suppression s) { return Value(boost::json::string(reason_code(s))); };
  for (std::size_t i = 0; i < places.size(); ++i)
    for (std::size_t p = 0; p < periods.size(); ++p) {
      const auto k = cell_index(i, p);
      const Node place = places[i];
      const auto& c = cells[k];
      std::vector<Value> row = {
          Value(boost::json::string(tree.code(place))), Value(boost::json::string(tree.name(place))),
          Value(boost::json::string(analytics::name(tree.level(place)))),
          Value(boost::json::string(place == *nation ? "" : tree.code(tree.parent(place)))),
          Value(boost::json::string(periods[p].id()))};
      if (ratio) {
        const auto num_mark = numerators.marks[k], den_mark = denominators.marks[k];
        const auto value_mark =
            counts ? rate_suppression(whole(c.numerator), num_mark, whole(c.denominator), den_mark, threshold)
                   : Suppression::kNone;
        row.push_back(value_mark == Suppression::kNone ? number(c.value) : Value(nullptr));
        row.push_back(status(value_mark));
        row.push_back(num_mark == Suppression::kNone && c.numerator ? Value(whole(c.numerator))
                                                                    : Value(nullptr));
        row.push_back(status(num_mark));
        row.push_back(den_mark == Suppression::kNone && c.denominator ? Value(whole(c.denominator))
                                                                      : Value(nullptr));
        row.push_back(status(den_mark));
      } else {
        const auto mark = numerators.marks[k];
        if (mark != Suppression::kNone || !c.value) {
          row.emplace_back(nullptr);
        } else if (counts) {
          row.emplace_back(whole(c.value));
        } else {
          row.push_back(number(c.value));
        }
        row.push_back(status(mark));
      }
      t.rows.push_back(std::move(row));
    }
  return t;
}

}  // namespace sen::opendata
