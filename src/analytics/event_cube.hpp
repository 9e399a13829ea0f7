#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "analytics/metadata.hpp"
#include "analytics/place_tree.hpp"
#include "services/dossier.hpp"

namespace sen::analytics {

// The dossier event stream as facts, and the live sums over them.
//
// Facts: one per counted event, in columns (place, month, procedure, channel, and a mask of the event
// elements it counts in), keys dictionary-encoded: 9 bytes a fact. Sums: for every place of the tree
// (its own facts and those below it), month and event element, one dense array, added to as facts
// arrive, so a dashboard's roll-up is a few array reads. `rebuild()` recomputes the sums from the facts.
enum class Channel : std::uint8_t { kOnline, kDirect, kPostal, kOther };

// The actions whose events count in some element; the others (accepted, forwarded, returned...)
// need not be read. Kept beside the switch in event_cube.cpp that decides what each counts in.
inline constexpr std::array<services::DossierAction, 5> kCountedActions = {
    services::DossierAction::kSubmit, services::DossierAction::kApprove, services::DossierAction::kReject,
    services::DossierAction::kConfirmPayment, services::DossierAction::kRate};

class EventCube {
 public:
  explicit EventCube(const PlaceTree& tree) : tree_(tree) {}

  // Counts one event; false when it counts in nothing or its place is not in the tree.
  bool add(const services::EventRow& event);
  void rebuild();

  std::size_t facts() const { return place_.size(); }
  std::size_t bytes() const;
  // Σ of an element over a place (and below) and months [first, last].
  std::int64_t sum(EventElement e, Node place, Month first, Month last) const;

  // The facts of `e` at or below `place` in [first, last] matching `filters`, by `by` (the procedure
  // code or channel name), or all under "" when `by` is empty.
  std::unordered_map<std::string, std::int64_t> breakdown(EventElement e, Node place, Month first, Month last,
                                                          const Filters& filters,
                                                          std::optional<Dimension> by) const;
  // The months with any fact, or {0, -1} when there are none.
  std::pair<Month, Month> span() const { return {base_, base_ + months_ - 1}; }

 private:
  void ensure_month(Month m);
  std::int64_t* cell(Node n, Month m) {
    return &sums_[(static_cast<std::size_t>(n) * months_ + (m - base_)) * kEventElementCount];
  }
  void add_to_sums(Node place, Month month, std::uint16_t mask);

  const PlaceTree& tree_;
  // facts, column by column
  std::vector<Node> place_;
  std::vector<std::uint16_t> month_, procedure_, mask_;
  std::vector<Channel> channel_;
  std::vector<std::string> procedures_;
  std::unordered_map<std::string, std::uint16_t> procedure_ids_;
  // sums[node][month - base][element]
  std::vector<std::int64_t> sums_;
  Month base_ = 0;
  int months_ = 0;
};

std::string_view name(Channel c);

}  // namespace sen::analytics
