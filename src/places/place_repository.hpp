#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/clock.hpp"
#include "places/place.hpp"
#include "storage/database.hpp"
#include "storage/keyset_page.hpp"

namespace sen::places {

template <class T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;
  std::optional<std::string> next_after;
};

struct PlaceFilter {
  std::string level;   // empty: any
  std::string parent;  // empty: any
  std::string query;   // free text; accents and case ignored
};

// Reads and writes places and agencies. Blocking: call off the network threads.
class PlaceRepository {
 public:
  explicit PlaceRepository(storage::Database& db) : db_(db) {}

  Result<Place> get(const std::string& code) const;
  Result<Page<Place>> list(const PlaceFilter& filter, const storage::PageRequest& page) const;
  // Children of an existing place; kNotFound naming the code when it does not exist.
  Result<Page<Place>> children(const std::string& code, const std::string& query,
                               const storage::PageRequest& page) const;

  Result<Agency> get_agency(const std::string& code) const;
  // The one agency of `kind` located at `place_code`: kNotFound when there is none, kConflict when
  // there are several (field "place" either way).
  Result<Agency> find_agency(const std::string& kind, const std::string& place_code) const;
  Result<Page<Agency>> list_agencies(const std::string& place_code, const std::string& query,
                                     const storage::PageRequest& page) const;

  // Inserts or updates, parents before children, in one transaction.
  Result<int> upsert_places(const std::vector<Place>& places);
  Result<int> upsert_agencies(const std::vector<Agency>& agencies);
  // A new agency, recorded in the audit log; kConflict naming `code` when it exists.
  Result<Agency> create_agency(const Agency& agency, const audit::Entry& who, const Clock& clock);
  Result<std::int64_t> count_places() const;

 private:
  storage::Database& db_;
};

}  // namespace sen::places
