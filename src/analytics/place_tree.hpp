#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.hpp"
#include "places/place.hpp"

namespace sen::analytics {

// The nation, its provinces and their communes as small integers, for the engine's dense arrays.
// Node 0 is the nation. Built once at start: the tree changes only with the pack.
using Node = std::uint16_t;
enum class Level { kNation, kProvince, kCommune };

class PlaceTree {
 public:
  // Every place under the nation "VN", parents before children or not; kInvalidArgument when a
  // parent is missing or there are more places than a Node holds.
  static Result<PlaceTree> build(const std::vector<places::Place>& places);

  std::size_t size() const { return codes_.size(); }
  std::optional<Node> find(std::string_view code) const;
  const std::string& code(Node n) const { return codes_[n]; }
  const std::string& name(Node n) const { return names_[n]; }
  Level level(Node n) const { return levels_[n]; }
  // The parent, or the node itself for the nation.
  Node parent(Node n) const { return parents_[n]; }
  const std::vector<Node>& children(Node n) const { return children_[n]; }
  // The node and its ancestors up to the nation, nearest first.
  std::vector<Node> lineage(Node n) const;
  // Whether `n` is `ancestor` or below it.
  bool within(Node n, Node ancestor) const;
  // The nodes at `level` at or below `n`, in code order.
  std::vector<Node> at_level(Node n, Level level) const;

 private:
  std::vector<std::string> codes_, names_;
  std::vector<Level> levels_;
  std::vector<Node> parents_;
  std::vector<std::vector<Node>> children_;
  std::unordered_map<std::string, Node> index_;
};

std::string_view name(Level level);

// Where a pre-2025 unit's figures go on today's tree: a commune that went whole into one new commune
// maps to it; one split between several maps to their province (packs/vn/admin-units/old-to-new.csv).
struct OldUnit {
  Node node = 0;
  bool split = false;
};
class UnitMapping {
 public:
  // kInvalidArgument naming the file and line for a malformed row or a code the tree does not know.
  static Result<UnitMapping> load(const std::filesystem::path& csv, const PlaceTree& tree);
  std::optional<OldUnit> find(std::string_view old_code) const;
  std::size_t size() const { return map_.size(); }

 private:
  std::unordered_map<std::string, OldUnit> map_;
};

// The reorganisation took effect on 1 July 2025: figures of earlier months were reported on the old
// units.
inline constexpr int kReorganisationYear = 2025, kReorganisationMonth = 7;

}  // namespace sen::analytics
