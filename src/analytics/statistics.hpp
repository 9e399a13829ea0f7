#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "analytics/metadata.hpp"
#include "analytics/place_tree.hpp"
#include "core/clock.hpp"
#include "storage/database.hpp"
#include "tables/table.hpp"

namespace sen::analytics {

// Imported statistics (digital economy share of GDP, cashless share, any series an administrator
// defines as a data element of source "statistics"): the values in memory, kept equal to the table
// statistics_values, which the import writes.
struct StatValue {
  Node node = 0;
  Period period;
  double value = 0;
  bool mapped = false;  // reported on a pre-2025 unit
  bool split = false;   // ... that was divided: the value counts in the province only
  std::string reported_code;
};

// A figure and whether anything in it was read through the 2025 mapping.
struct Figure {
  std::optional<double> value;
  bool mapped = false;
};

class StatisticsStore {
 public:
  StatisticsStore(const PlaceTree& tree, const Metadata& meta) : tree_(tree), meta_(meta) {}

  Status load(storage::Connection& conn);
  // Sum elements: the values at or below `place` whose period lies within `period`. Elements that do
  // not sum: the one value of exactly this place and period (none when several old units were mapped
  // onto it, since shares cannot be added).
  Figure value(const DataElement& e, Node place, const Period& period) const;
  // Whether `place` itself reported `e` for `period` (completeness).
  bool reported(const DataElement& e, Node place, const Period& period) const;
  void put(const std::string& element, StatValue v);

  // Expected against actual reports of a reported series (DataElement::reported_by) at or below
  // `place` over `period`: one per place of the reporting level and reporting period within it.
  struct Completeness {
    std::int64_t expected = 0, actual = 0;
    std::vector<Node> missing;  // places with a report missing, in tree order
  };
  Completeness completeness(const DataElement& e, Node place, const Period& period) const;
  // The first month any place reported `element` for, if any has: a series starts being expected then.
  std::optional<Month> first_month(const std::string& element) const;

 private:
  const PlaceTree& tree_;
  const Metadata& meta_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::vector<StatValue>> values_;
};

struct StatisticsImportError {
  std::size_t row = 0;  // as a spreadsheet numbers it: the header is row 1
  std::string column;
  std::string message;
};

struct StatisticsImportOptions {
  bool dry_run = false;
  bool pre_2025_units = false;  // the file's codes are the units before 1 July 2025
  std::size_t max_rows = 200000;
  // Whether the importer may write values of this place; checked for every row.
  std::function<bool(const std::string& place)> may_import_at;
};

struct StatisticsImportOutcome {
  std::size_t rows = 0;
  std::size_t mapped = 0;  // rows read onto today's units through the mapping
  bool written = false;
  std::string import_id;
  std::vector<StatisticsImportError> errors;
};

// Records with the header element,place,period,value (any order). Every row is checked first; one bad
// row and nothing is written. A value for the same element, unit and period replaces the earlier one.
// The import and its row count go to the audit log.
class StatisticsImport {
 public:
  StatisticsImport(storage::Database& db, StatisticsStore& store, const Metadata& meta, const PlaceTree& tree,
                   const UnitMapping& mapping, const Clock& clock)
      : db_(db), store_(store), meta_(meta), tree_(tree), mapping_(mapping), clock_(clock) {}

  Result<StatisticsImportOutcome> run(const tables::Records& records, const StatisticsImportOptions& options,
                                      const std::string& account_id);

 private:
  storage::Database& db_;
  StatisticsStore& store_;
  const Metadata& meta_;
  const PlaceTree& tree_;
  const UnitMapping& mapping_;
  const Clock& clock_;
};

}  // namespace sen::analytics
