#include "places/place_directory.hpp"

namespace sen::places {

Result<PlaceDirectory> PlaceDirectory::load(const PlaceRepository& repo) {
  PlaceDirectory d;
  for (storage::PageRequest page{1000, ""};;) {
    auto batch = repo.list(PlaceFilter{}, page);
    if (!batch) return tl::unexpected(batch.error());
    d.places_.insert(d.places_.end(), batch->items.begin(), batch->items.end());
    if (!batch->next_after) break;
    page.after = *batch->next_after;
  }
  d.index_.reserve(d.places_.size());
  for (std::size_t i = 0; i < d.places_.size(); ++i) d.index_.emplace(d.places_[i].code, i);
  return d;
}

const Place* PlaceDirectory::find(std::string_view code) const {
  const auto it = index_.find(std::string(code));  // codes are short: no allocation
  return it == index_.end() ? nullptr : &places_[it->second];
}

}  // namespace sen::places
