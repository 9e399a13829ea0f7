#pragma once

#include <boost/json/value.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/metadata.hpp"
#include "analytics/period.hpp"
#include "analytics/place_tree.hpp"

namespace sen::opendata {

using analytics::Text;

enum class DatasetKind { kLive, kUpload };
std::string_view name(DatasetKind k);
inline constexpr DatasetKind kDatasetKinds[] = {DatasetKind::kLive, DatasetKind::kUpload};

// How often a dataset changes (DCAT dct:accrualPeriodicity, EU frequency vocabulary).
enum class Frequency { kContinuous, kDaily, kMonthly, kQuarterly, kAnnual, kIrregular };
std::string_view name(Frequency f);
std::string_view frequency_uri(Frequency f);
inline constexpr Frequency kFrequencies[] = {Frequency::kContinuous, Frequency::kDaily,
                                             Frequency::kMonthly,    Frequency::kQuarterly,
                                             Frequency::kAnnual,     Frequency::kIrregular};

enum class ColumnType { kText, kInteger, kNumber };
std::string_view name(ColumnType t);
inline constexpr ColumnType kColumnTypes[] = {ColumnType::kText, ColumnType::kInteger, ColumnType::kNumber};

// One column of a dataset's data dictionary.
struct Column {
  std::string id;
  ColumnType type = ColumnType::kText;
  Text label, definition;
  std::string unit;
  bool personal = false;  // identifies people: a dataset with such a column is never published
  bool required = true;   // an uploaded row must give a value
  bool key = false;       // the key columns together name a row (compared across releases)
};

// DCAT-style metadata, as the catalogue shows and exports it.
struct DatasetMeta {
  std::string name;  // the URL name: lower-case letters, digits and hyphens
  Text title, description;
  std::string publisher;  // agency code
  std::string theme;      // a theme id of the pack (packs/vn/opendata/catalogue.json)
  std::vector<std::string> keywords;
  std::string spatial;                       // place code
  std::string temporal_start, temporal_end;  // periods (2025-01) or days; "" when open
  Frequency frequency = Frequency::kIrregular;
  std::string licence;  // a licence id of the pack
  std::string contact;  // e-mail address of the publisher's contact point
};

// A data brain indicator published by place and period: `level` places of the nation (with their
// parents as totals) over the last `periods` complete periods of `period_type`.
struct LiveDefinition {
  std::string indicator;
  analytics::Level level = analytics::Level::kProvince;
  analytics::PeriodType period_type = analytics::PeriodType::kMonth;
  int periods = 24;
};

struct Dataset {
  DatasetMeta meta;
  DatasetKind kind = DatasetKind::kLive;
  std::optional<LiveDefinition> live;
  std::vector<Column> dictionary;  // uploads: the columns files are checked against
  std::chrono::system_clock::time_point created_at, modified_at;
};

// One value of a published table: null, a string, an integer or a number.
using Value = boost::json::value;

// A release: the table as published, never changed once written.
struct Release {
  std::string dataset;
  int number = 0;
  std::chrono::system_clock::time_point created_at;
  std::string sha256;  // of `content_json()`; the downloads' ETag
  std::string note;
  std::vector<Column> columns;
  std::vector<std::vector<Value>> rows;
  // Every row as a DataStore record ({"_id": n, "column": value, ...}), serialized once and joined
  // by commas: a release never changes, and datastore_search pages (runs of consecutive records)
  // are most of what harvesters ask for, so a page is one slice of this text.
  std::string records_json;
  std::vector<std::size_t> record_ends;  // record i ends at record_ends[i] in records_json

  // Records [first, last) as JSON array items separated by commas (first < last <= rows).
  std::string_view records_between(std::size_t first, std::size_t last) const {
    const std::size_t begin = first == 0 ? 0 : record_ends[first - 1] + 1;
    return std::string_view(records_json).substr(begin, record_ends[last - 1] - begin);
  }
};

}  // namespace sen::opendata
