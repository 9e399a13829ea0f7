#include "analytics/event_cube.hpp"

#include <algorithm>

namespace sen::analytics {
namespace {

using services::DossierAction;

constexpr std::uint16_t bit(EventElement e) {
  return static_cast<std::uint16_t>(1u << static_cast<unsigned>(e));
}

// The event elements one event counts in (docs/dossier-events.md).
std::uint16_t mask_of(const services::EventRow& e) {
  std::uint16_t m = 0;
  const auto finished = [&] {
    if (!e.timeliness) return;
    m |= bit(EventElement::kProcessed);
    m |= *e.timeliness == "late" ? bit(EventElement::kLate) : bit(EventElement::kOnTime);
  };
  switch (e.action) {
    case DossierAction::kSubmit:
      m |= bit(EventElement::kReceived);
      if (e.channel == "online") m |= bit(EventElement::kReceivedOnline);
      if (e.fee_vnd.value_or(0) > 0) m |= bit(EventElement::kWithFee);
      break;
    case DossierAction::kApprove:
      finished();
      m |= bit(EventElement::kResultsIssued);
      if (e.result_digitised.value_or(false)) m |= bit(EventElement::kResultsDigitised);
      break;
    case DossierAction::kReject:
      finished();
      break;
    case DossierAction::kConfirmPayment:
      if (e.paid_online.value_or(false)) m |= bit(EventElement::kPaidOnline);
      break;
    case DossierAction::kRate:
      m |= bit(EventElement::kRated);
      if (e.rating.value_or(0) >= 4) m |= bit(EventElement::kSatisfied);
      break;
    // Steps along the way count in nothing (kCountedActions leaves them out).
    case DossierAction::kAccept:
    case DossierAction::kRefuse:
    case DossierAction::kRequestSupplement:
    case DossierAction::kResubmit:
    case DossierAction::kForward:
    case DossierAction::kSendBack:
    case DossierAction::kTransfer:
    case DossierAction::kReturnResult:
    case DossierAction::kRevokeResult:
    case DossierAction::kWithdraw:
      break;
  }
  return m;
}

Channel channel_of(std::string_view c) {
  if (c == "online") return Channel::kOnline;
  if (c == "direct") return Channel::kDirect;
  if (c == "postal") return Channel::kPostal;
  return Channel::kOther;
}

}  // namespace

std::string_view name(Channel c) {
  switch (c) {
    case Channel::kOnline:
      return "online";
    case Channel::kDirect:
      return "direct";
    case Channel::kPostal:
      return "postal";
    case Channel::kOther:
      return "other";
  }
  return "";
}

bool EventCube::add(const services::EventRow& e) {
  const std::uint16_t mask = mask_of(e);
  if (mask == 0) return false;
  const auto node = tree_.find(e.place_code);
  const Month month = month_of_text(e.at);
  if (!node || month < 0) return false;
  auto [it, inserted] =
      procedure_ids_.try_emplace(e.procedure_code, static_cast<std::uint16_t>(procedures_.size()));
  if (inserted) procedures_.push_back(e.procedure_code);
  place_.push_back(*node);
  month_.push_back(static_cast<std::uint16_t>(month));
  procedure_.push_back(it->second);
  mask_.push_back(mask);
  channel_.push_back(channel_of(e.channel));
  add_to_sums(*node, month, mask);
  return true;
}

void EventCube::ensure_month(Month m) {
  if (months_ > 0 && m >= base_ && m < base_ + months_) return;
  // Grow by whole years, so a stream moving month by month re-lays the sums once a year.
  const Month first = months_ == 0 ? m - m % 12 : std::min(base_, m - m % 12);
  const Month end = months_ == 0 ? first + 12 : std::max(base_ + months_, m - m % 12 + 12);
  const int span = end - first;
  std::vector<std::int64_t> grown(tree_.size() * span * kEventElementCount, 0);
  for (std::size_t n = 0; n < tree_.size() && months_ > 0; ++n)
    std::copy_n(&sums_[n * months_ * kEventElementCount], months_ * kEventElementCount,
                &grown[(n * span + (base_ - first)) * kEventElementCount]);
  sums_ = std::move(grown);
  base_ = first;
  months_ = span;
}

void EventCube::add_to_sums(Node place, Month month, std::uint16_t mask) {
  ensure_month(month);
  for (Node n = place;; n = tree_.parent(n)) {
    std::int64_t* c = cell(n, month);
    for (std::size_t e = 0; e < kEventElementCount; ++e) c[e] += (mask >> e) & 1u;
    if (n == 0) break;
  }
}

void EventCube::rebuild() {
  if (months_ == 0) return;  // no fact yet: no sums
  std::fill(sums_.begin(), sums_.end(), 0);
  const std::size_t n = place_.size();
  // Each fact adds to its own place; parents are summed from their children after, level by level.
  for (std::size_t i = 0; i < n; ++i) {
    std::int64_t* c = cell(place_[i], month_[i]);
    const std::uint16_t mask = mask_[i];
    for (std::size_t e = 0; e < kEventElementCount; ++e) c[e] += (mask >> e) & 1u;
  }
  const std::size_t row = static_cast<std::size_t>(months_) * kEventElementCount;
  for (Level level : {Level::kCommune, Level::kProvince}) {
    for (std::size_t node = 1; node < tree_.size(); ++node) {
      if (tree_.level(static_cast<Node>(node)) != level) continue;
      const std::int64_t* from = &sums_[node * row];
      std::int64_t* to = &sums_[tree_.parent(static_cast<Node>(node)) * row];
      for (std::size_t k = 0; k < row; ++k) to[k] += from[k];
    }
  }
}

std::size_t EventCube::bytes() const {
  return place_.capacity() * sizeof(Node) +
         (month_.capacity() + procedure_.capacity() + mask_.capacity()) * 2 + channel_.capacity() +
         sums_.capacity() * sizeof(std::int64_t);
}

std::int64_t EventCube::sum(EventElement e, Node place, Month first, Month last) const {
  first = std::max(first, base_);
  last = std::min(last, base_ + months_ - 1);
  std::int64_t total = 0;
  for (Month m = first; m <= last; ++m)
    total += sums_[(static_cast<std::size_t>(place) * months_ + (m - base_)) * kEventElementCount +
                   static_cast<std::size_t>(e)];
  return total;
}

std::unordered_map<std::string, std::int64_t> EventCube::breakdown(EventElement e, Node place, Month first,
                                                                   Month last, const Filters& filters,
                                                                   std::optional<Dimension> by) const {
  const std::uint16_t want = bit(e);
  int procedure_filter = -2;  // -2: none; -1: a procedure no fact has
  int channel_filter = -1;
  for (const auto& [dimension, value] : filters) {
    if (dimension == Dimension::kProcedure) {
      auto it = procedure_ids_.find(value);
      procedure_filter = it == procedure_ids_.end() ? -1 : it->second;
    } else if (dimension == Dimension::kChannel) {
      channel_filter = static_cast<int>(channel_of(value));
    }
  }
  std::unordered_map<std::string, std::int64_t> out;
  if (procedure_filter == -1) return out;
  std::vector<std::int64_t> counts(by == Dimension::kProcedure ? procedures_.size() : 4, 0);
  const std::size_t n = place_.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (!(mask_[i] & want) || month_[i] < first || month_[i] > last) continue;
    if (procedure_filter >= 0 && procedure_[i] != procedure_filter) continue;
    if (channel_filter >= 0 && static_cast<int>(channel_[i]) != channel_filter) continue;
    if (place != 0 && !tree_.within(place_[i], place)) continue;
    ++counts[by == Dimension::kProcedure ? procedure_[i]
             : by == Dimension::kChannel ? static_cast<std::size_t>(channel_[i])
                                         : 0];
  }
  for (std::size_t k = 0; k < counts.size(); ++k) {
    if (counts[k] == 0) continue;
    if (by == Dimension::kProcedure)
      out[procedures_[k]] = counts[k];
    else if (by == Dimension::kChannel)
      out[std::string(name(static_cast<Channel>(k)))] = counts[k];
    else
      out[""] += counts[k];
  }
  return out;
}

}  // namespace sen::analytics
