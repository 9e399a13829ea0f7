#include "opendata/disclosure.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <utility>

namespace sen::opendata {
namespace {

// Whether a reader who sees every published count and knows the relations can compute cell `i`:
// true when the unit vector of `i` lies in the row space of the relations written over the hidden
// cells only (the published ones move to the constant side). Gaussian elimination on small grids.
bool recoverable(const CountGrid& g, std::size_t i) {
  std::vector<std::size_t> unknown;
  for (std::size_t c = 0; c < g.counts.size(); ++c)
    if (g.marks[c] != Suppression::kNone) unknown.push_back(c);
  const auto column = [&](std::size_t cell) {
    for (std::size_t k = 0; k < unknown.size(); ++k)
      if (unknown[k] == cell) return static_cast<int>(k);
    return -1;
  };
  std::vector<std::vector<double>> rows;
  for (const auto& r : g.relations) {
    std::vector<double> row(unknown.size(), 0.0);
    if (int k = column(r.total); k >= 0) row[k] += 1;
    for (auto p : r.parts)
      if (int k = column(p); k >= 0) row[k] -= 1;
    rows.push_back(std::move(row));
  }
  const auto rank = [](std::vector<std::vector<double>> m) {
    int r = 0;
    const std::size_t cols = m.empty() ? 0 : m[0].size();
    for (std::size_t c = 0; c < cols && r < static_cast<int>(m.size()); ++c) {
      std::size_t pivot = r;
      while (pivot < m.size() && std::abs(m[pivot][c]) < 1e-9) ++pivot;
      if (pivot == m.size()) continue;
      std::swap(m[pivot], m[r]);
      for (std::size_t k = 0; k < m.size(); ++k) {
        if (static_cast<int>(k) == r || std::abs(m[k][c]) < 1e-9) continue;
        const double f = m[k][c] / m[r][c];
        for (std::size_t j = c; j < cols; ++j) m[k][j] -= f * m[r][j];
      }
      ++r;
    }
    return r;
  };
  const int before = rank(rows);
  std::vector<double> unit(unknown.size(), 0.0);
  unit[column(i)] = 1;
  rows.push_back(unit);
  return rank(rows) == before;
}

// A 3×3 table with row totals, column totals and a grand total: cells 0..8, row totals 9..11,
// column totals 12..14, grand total 15.
CountGrid table_with_totals(std::vector<std::int64_t> inner) {
  CountGrid g;
  g.counts = inner;
  for (int r = 0; r < 3; ++r) g.counts.push_back(inner[r * 3] + inner[r * 3 + 1] + inner[r * 3 + 2]);
  for (int c = 0; c < 3; ++c) g.counts.push_back(inner[c] + inner[3 + c] + inner[6 + c]);
  g.counts.push_back(g.counts[9] + g.counts[10] + g.counts[11]);
  for (std::size_t r = 0; r < 3; ++r) g.relations.push_back({9 + r, {r * 3, r * 3 + 1, r * 3 + 2}});
  for (std::size_t c = 0; c < 3; ++c) g.relations.push_back({12 + c, {c, 3 + c, 6 + c}});
  g.relations.push_back({15, {9, 10, 11}});
  g.relations.push_back({15, {12, 13, 14}});
  return g;
}

TEST(Disclosure, NaiveSuppressionLeaksThroughTotalsAndProtectionDoesNot) {
  auto g = table_with_totals({20, 3, 40, 15, 25, 30, 12, 18, 50});
  // Naive: hide only the small count. Its row total minus the other two cells gives it back.
  g.marks.assign(g.counts.size(), Suppression::kNone);
  g.marks[1] = Suppression::kSmallCount;
  EXPECT_TRUE(recoverable(g, 1));

  protect(g, 5);
  EXPECT_EQ(g.marks[1], Suppression::kSmallCount);
  for (std::size_t i = 0; i < g.counts.size(); ++i)
    if (g.marks[i] != Suppression::kNone) {
      EXPECT_FALSE(recoverable(g, i)) << "cell " << i;
    }
  for (const auto& r : g.relations) {
    int n = g.marks[r.total] != Suppression::kNone;
    for (auto p : r.parts) n += g.marks[p] != Suppression::kNone;
    EXPECT_NE(n, 1);
  }
  // Only what is needed: the small cell, one more in its row and column, and the fourth corner.
  int hidden = 0;
  for (auto m : g.marks) hidden += m != Suppression::kNone;
  EXPECT_EQ(hidden, 4);
}

TEST(Disclosure, ProvinceAgainstItsCommunes) {
  // Two provinces (cells 0 and 4), three communes each, and the nation (cell 8) over both.
  CountGrid g;
  g.counts = {60, 2, 28, 30, 70, 0, 35, 35, 130};
  g.relations = {{0, {1, 2, 3}}, {4, {5, 6, 7}}, {8, {0, 4}}};
  protect(g, 5);
  EXPECT_EQ(g.marks[1], Suppression::kSmallCount);
  EXPECT_EQ(g.marks[2], Suppression::kComplementary);  // the smallest other commune of the province
  EXPECT_EQ(g.marks[5], Suppression::kNone);           // zero counts nobody
  EXPECT_EQ(g.marks[0], Suppression::kNone);
  EXPECT_FALSE(recoverable(g, 1));
  EXPECT_FALSE(recoverable(g, 2));
}

TEST(Disclosure, AHiddenProvinceTotalHidesACommuneAndTheNationStaysConsistent) {
  // A province with a small total: hidden; the nation's relation then needs a second hidden
  // province, and the small province's communes need two hidden cells among them.
  CountGrid g;
  g.counts = {4, 1, 3, 50, 20, 30, 54};
  g.relations = {{0, {1, 2}}, {3, {4, 5}}, {6, {0, 3}}};
  protect(g, 5);
  for (std::size_t i = 0; i < g.counts.size(); ++i)
    if (g.marks[i] != Suppression::kNone) {
      EXPECT_FALSE(recoverable(g, i)) << "cell " << i;
    }
  EXPECT_NE(g.marks[0], Suppression::kNone);
  EXPECT_NE(g.marks[3], Suppression::kNone);
}

TEST(Disclosure, RatesFollowTheirCounts) {
  EXPECT_EQ(rate_suppression(40, Suppression::kNone, 50, Suppression::kNone, 5), Suppression::kNone);
  EXPECT_EQ(rate_suppression(3, Suppression::kNone, 50, Suppression::kNone, 5), Suppression::kSmallBase);
  EXPECT_EQ(rate_suppression(0, Suppression::kNone, 50, Suppression::kNone, 5), Suppression::kNone);
  EXPECT_EQ(rate_suppression(40, Suppression::kComplementary, 50, Suppression::kNone, 5),
            Suppression::kSmallBase);
  EXPECT_EQ(rate_suppression(2, Suppression::kNone, 4, Suppression::kNone, 1), Suppression::kNone);
}

}  // namespace
}  // namespace sen::opendata
