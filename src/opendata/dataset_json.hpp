#pragma once

#include <boost/json.hpp>
#include <string>

#include "core/json_reader.hpp"
#include "opendata/dataset.hpp"

namespace sen::opendata {

// Datasets as JSON: the pack's catalogue file, the stored rows and the API share one shape, read
// strictly (unknown members, wrong types and bad names are errors naming the member).
boost::json::object meta_json(const DatasetMeta& m);
Result<DatasetMeta> read_meta(const JsonReader& r, const boost::json::object& o, const std::string& path);
// The members of `meta_json`, for readers of objects that carry more.
inline constexpr std::string_view kMetaMembers[] = {
    "name",    "title",          "description",  "publisher", "theme",   "keywords",
    "spatial", "temporal_start", "temporal_end", "frequency", "licence", "contact"};

boost::json::array columns_json(const std::vector<Column>& columns);
Result<std::vector<Column>> read_columns(const JsonReader& r, const boost::json::value& v,
                                         const std::string& path);

boost::json::object live_json(const LiveDefinition& d);
Result<LiveDefinition> read_live(const JsonReader& r, const boost::json::object& o, const std::string& path);
inline constexpr std::string_view kLiveMembers[] = {"indicator", "level", "period_type", "periods"};

// A release's stored content: {"columns": [...], "rows": [[...], ...]}; its SHA-256 is the release's.
std::string release_content(const std::vector<Column>& columns, const std::vector<std::vector<Value>>& rows);
Status read_release_content(std::string_view text, Release& into);

bool valid_dataset_name(std::string_view name);

}  // namespace sen::opendata
