#include "analytics/place_tree.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <limits>
#include <sstream>

#include "tables/csv.hpp"

namespace sen::analytics {

Result<PlaceTree> PlaceTree::build(const std::vector<places::Place>& places) {
  if (places.size() + 1 > std::numeric_limits<Node>::max())
    return fail(ErrorCode::kInvalidArgument, "too many places for the analytics engine", "places");
  PlaceTree t;
  const auto add = [&t](const std::string& code, const std::string& name, Level level) {
    t.index_.emplace(code, static_cast<Node>(t.codes_.size()));
    t.codes_.push_back(code);
    t.names_.push_back(name);
    t.levels_.push_back(level);
  };
  add(std::string(places::kNationCode), "Việt Nam", Level::kNation);
  std::vector<const places::Place*> sorted;
  for (const auto& p : places)
    if (p.level != "nation") sorted.push_back(&p);
  // Provinces first, each level in code order, so node order is stable across starts.
  std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) {
    return std::tie(b->level, a->code) < std::tie(a->level, b->code);
  });
  for (const auto* p : sorted)
    add(p->code, p->name, p->level == "province" ? Level::kProvince : Level::kCommune);
  t.parents_.assign(t.codes_.size(), 0);
  t.children_.assign(t.codes_.size(), {});
  for (const auto* p : sorted) {
    const Node n = t.index_.at(p->code);
    const std::string parent = p->parent_code.value_or(std::string(places::kNationCode));
    auto it = t.index_.find(parent);
    if (it == t.index_.end())
      return fail(ErrorCode::kInvalidArgument,
                  fmt::format("place {} names an unknown parent {}", p->code, parent), "places");
    t.parents_[n] = it->second;
    t.children_[it->second].push_back(n);
  }
  return t;
}

std::optional<Node> PlaceTree::find(std::string_view code) const {
  auto it = index_.find(std::string(code));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::vector<Node> PlaceTree::lineage(Node n) const {
  std::vector<Node> out{n};
  while (n != 0) out.push_back(n = parents_[n]);
  return out;
}

bool PlaceTree::within(Node n, Node ancestor) const {
  for (;;) {
    if (n == ancestor) return true;
    if (n == 0) return false;
    n = parents_[n];
  }
}

std::vector<Node> PlaceTree::at_level(Node n, Level level) const {
  if (levels_[n] == level) return {n};
  std::vector<Node> out;
  for (Node c : children_[n]) {
    auto below = at_level(c, level);
    out.insert(out.end(), below.begin(), below.end());
  }
  return out;
}

std::string_view name(Level level) {
  switch (level) {
    case Level::kNation:
      return "nation";
    case Level::kProvince:
      return "province";
    case Level::kCommune:
      return "commune";
  }
  return "";
}

Result<UnitMapping> UnitMapping::load(const std::filesystem::path& csv, const PlaceTree& tree) {
  std::ifstream in(csv, std::ios::binary);
  if (!in) return fail(ErrorCode::kInvalidArgument, "cannot read " + csv.filename().string(), "pack");
  std::stringstream text;
  text << in.rdbuf();
  auto records = tables::read_csv(text.str());
  if (!records) return tl::unexpected(records.error());
  const auto bad = [&](std::size_t line, const std::string& why) {
    return fail(ErrorCode::kInvalidArgument,
                fmt::format("{} line {}: {}", csv.filename().string(), line, why), "pack");
  };
  const std::vector<std::string> header{"old_code", "old_name", "level", "new_code", "mapping"};
  if (records->empty() || (*records)[0] != header)
    return bad(1, "the header must be " + fmt::format("{}", fmt::join(header, ",")));
  UnitMapping m;
  for (std::size_t i = 1; i < records->size(); ++i) {
    const auto& r = (*records)[i];
    if (r.size() != header.size()) return bad(i + 1, "expected 5 columns");
    if (r[4] != "full" && r[4] != "split") return bad(i + 1, "mapping must be full or split");
    // An installation that loaded only some units maps only onto those.
    auto node = tree.find(r[3]);
    if (!node) continue;
    m.map_[r[0]] = OldUnit{*node, r[4] == "split"};
  }
  return m;
}

std::optional<OldUnit> UnitMapping::find(std::string_view old_code) const {
  auto it = map_.find(std::string(old_code));
  if (it == map_.end()) return std::nullopt;
  return it->second;
}

}  // namespace sen::analytics
