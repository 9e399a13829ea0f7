#include "analytics/dx_standings.hpp"

#include <algorithm>

namespace sen::analytics {
namespace {

std::uint8_t code_of(std::vector<std::string>& words, const std::string& w) {
  auto it = std::find(words.begin(), words.end(), w);
  if (it != words.end()) return static_cast<std::uint8_t>(it - words.begin());
  words.push_back(w);
  return static_cast<std::uint8_t>(words.size() - 1);
}

int slot_of(Dimension d) {
  switch (d) {
    case Dimension::kLevel:
      return 0;
    case Dimension::kIndustry:
      return 1;
    case Dimension::kSize:
      return 2;
    case Dimension::kProcedure:
    case Dimension::kChannel:
      return -1;
  }
  return -1;
}

}  // namespace

Status DxStandings::refresh() {
  auto standings = load_();
  if (!standings) return tl::unexpected(standings.error());
  std::vector<Row> rows;
  rows.reserve(standings->size());
  std::lock_guard lock(mutex_);
  for (const auto& s : *standings) {
    auto node = tree_.find(s.place);
    const Month m = month_of_text(s.submitted_at);
    if (!node || m < 0 || words_[0].size() > 250 || words_[1].size() > 250 || words_[2].size() > 250)
      continue;
    rows.push_back(Row{*node, static_cast<std::uint16_t>(m), code_of(words_[0], s.level),
                       code_of(words_[1], s.industry), code_of(words_[2], s.size)});
  }
  rows_ = std::move(rows);
  return {};
}

std::size_t DxStandings::size() const {
  std::lock_guard lock(mutex_);
  return rows_.size();
}

std::unordered_map<std::string, std::int64_t> DxStandings::count(Node place, Month last,
                                                                 const Filters& filters,
                                                                 std::optional<Dimension> by) const {
  std::lock_guard lock(mutex_);
  int want[3] = {-1, -1, -1};
  for (const auto& [d, v] : filters) {
    const int slot = slot_of(d);
    if (slot < 0) continue;
    auto it = std::find(words_[slot].begin(), words_[slot].end(), v);
    if (it == words_[slot].end()) return {};
    want[slot] = static_cast<int>(it - words_[slot].begin());
  }
  const int by_slot = by ? slot_of(*by) : -1;
  std::vector<std::int64_t> counts(by_slot >= 0 ? words_[by_slot].size() : 1, 0);
  for (const auto& r : rows_) {
    if (r.month > last) continue;
    const std::uint8_t codes[3] = {r.level, r.industry, r.size};
    if ((want[0] >= 0 && codes[0] != want[0]) || (want[1] >= 0 && codes[1] != want[1]) ||
        (want[2] >= 0 && codes[2] != want[2]))
      continue;
    if (place != 0 && !tree_.within(r.node, place)) continue;
    ++counts[by_slot >= 0 ? codes[by_slot] : 0];
  }
  std::unordered_map<std::string, std::int64_t> out;
  for (std::size_t k = 0; k < counts.size(); ++k)
    if (counts[k] != 0) out[by_slot >= 0 ? words_[by_slot][k] : ""] = counts[k];
  return out;
}

}  // namespace sen::analytics
