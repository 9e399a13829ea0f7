#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.hpp"
#include "places/place.hpp"
#include "places/place_repository.hpp"

namespace sen::places {

// Every administrative unit, in memory. Places change only with the country pack (`sen migrate`),
// so a server reads them once at start: look-ups never wait for the database, and what is decided
// from the hierarchy (authorization, roll-ups) and what is shown of a place agree.
class PlaceDirectory {
 public:
  static Result<PlaceDirectory> load(const PlaceRepository& repo);

  const Place* find(std::string_view code) const;
  const std::vector<Place>& all() const { return places_; }

 private:
  std::vector<Place> places_;
  std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace sen::places
