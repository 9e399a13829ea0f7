#include "opendata/disclosure.hpp"

#include <fmt/format.h>

#include <optional>

namespace sen::opendata {

std::string_view reason_code(Suppression s) {
  switch (s) {
    case Suppression::kNone:
      return "";
    case Suppression::kSmallCount:
      return "S1";
    case Suppression::kComplementary:
      return "S2";
    case Suppression::kSmallBase:
      return "S3";
  }
  return "";
}

std::string_view reason_text_vi(Suppression s) {
  switch (s) {
    case Suppression::kNone:
      return "";
    case Suppression::kSmallCount:
      return "Số đếm nhỏ hơn ngưỡng công bố";
    case Suppression::kComplementary:
      return "Ẩn bổ sung để không suy ra được ô nhỏ từ tổng";
    case Suppression::kSmallBase:
      return "Tỷ lệ có tử số hoặc mẫu số bị ẩn hoặc nhỏ hơn ngưỡng";
  }
  return "";
}

std::string_view reason_text_en(Suppression s) {
  switch (s) {
    case Suppression::kNone:
      return "";
    case Suppression::kSmallCount:
      return "Count under the publication threshold";
    case Suppression::kComplementary:
      return "Hidden as well, so that a small count cannot be recovered from a total";
    case Suppression::kSmallBase:
      return "Rate whose numerator or denominator is hidden or under the threshold";
  }
  return "";
}

namespace {

bool hidden(const CountGrid& g, std::size_t i) { return g.marks[i] != Suppression::kNone; }

// The cell to hide beside a relation's only hidden one: the smallest non-zero part (least
// information lost, and a zero would leave the hidden value's range unchanged), else the total,
// else a zero part.
std::optional<std::size_t> complement(const CountGrid& g, const CountGrid::Relation& r) {
  std::optional<std::size_t> best;
  for (auto p : r.parts)
    if (!hidden(g, p) && g.counts[p] != 0 && (!best || g.counts[p] < g.counts[*best])) best = p;
  if (best) return best;
  if (!hidden(g, r.total)) return r.total;
  for (auto p : r.parts)
    if (!hidden(g, p)) return p;
  return std::nullopt;
}

}  // namespace

void protect(CountGrid& g, std::int64_t threshold) {
  g.marks.assign(g.counts.size(), Suppression::kNone);
  for (std::size_t i = 0; i < g.counts.size(); ++i)
    if (g.counts[i] > 0 && g.counts[i] < threshold) g.marks[i] = Suppression::kSmallCount;
  // Each pass hides at least one more cell or stops, so this ends within counts.size() passes.
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& r : g.relations) {
      int n = hidden(g, r.total) ? 1 : 0;
      for (auto p : r.parts) n += hidden(g, p) ? 1 : 0;
      if (n != 1) continue;
      if (auto c = complement(g, r)) {
        g.marks[*c] = Suppression::kComplementary;
        changed = true;
      }
    }
  }
}

Suppression rate_suppression(std::int64_t numerator, Suppression numerator_mark, std::int64_t denominator,
                             Suppression denominator_mark, std::int64_t threshold) {
  const auto small = [threshold](std::int64_t v) { return v > 0 && v < threshold; };
  if (numerator_mark != Suppression::kNone || denominator_mark != Suppression::kNone || small(numerator) ||
      small(denominator))
    return Suppression::kSmallBase;
  return Suppression::kNone;
}

std::string method_vi(std::int64_t threshold) {
  return fmt::format(
      "Kiểm soát công bố: số đếm từ 1 đến {} bị ẩn (S1); ẩn bổ sung (S2) để mỗi tổng theo hàng, cột và "
      "cấp hành chính (tỉnh so với các xã) không có hoặc có ít nhất hai ô bị ẩn; tỷ lệ có tử số hoặc mẫu "
      "số bị ẩn hoặc nhỏ hơn {} bị ẩn (S3).",
      threshold - 1, threshold);
}

std::string method_en(std::int64_t threshold) {
  return fmt::format(
      "Disclosure control: counts from 1 to {} are hidden (S1); further cells are hidden (S2) so that every "
      "row, column and hierarchy total (a province against its communes) has none or at least two hidden "
      "cells; rates whose numerator or denominator is hidden or under {} are hidden (S3).",
      threshold - 1, threshold);
}

}  // namespace sen::opendata
