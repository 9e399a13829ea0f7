#include "opendata/dataset_json.hpp"

#include "analytics/metadata_file.hpp"
#include "core/json_parse.hpp"

namespace sen::opendata {

namespace json = boost::json;

std::string_view name(DatasetKind k) {
  switch (k) {
    case DatasetKind::kLive:
      return "live";
    case DatasetKind::kUpload:
      return "upload";
  }
  return "";
}

std::string_view name(Frequency f) {
  switch (f) {
    case Frequency::kContinuous:
      return "continuous";
    case Frequency::kDaily:
      return "daily";
    case Frequency::kMonthly:
      return "monthly";
    case Frequency::kQuarterly:
      return "quarterly";
    case Frequency::kAnnual:
      return "annual";
    case Frequency::kIrregular:
      return "irregular";
  }
  return "";
}

std::string_view frequency_uri(Frequency f) {
  switch (f) {
    case Frequency::kContinuous:
      return "http://publications.europa.eu/resource/authority/frequency/UPDATE_CONT";
    case Frequency::kDaily:
      return "http://publications.europa.eu/resource/authority/frequency/DAILY";
    case Frequency::kMonthly:
      return "http://publications.europa.eu/resource/authority/frequency/MONTHLY";
    case Frequency::kQuarterly:
      return "http://publications.europa.eu/resource/authority/frequency/QUARTERLY";
    case Frequency::kAnnual:
      return "http://publications.europa.eu/resource/authority/frequency/ANNUAL";
    case Frequency::kIrregular:
      return "http://publications.europa.eu/resource/authority/frequency/IRREG";
  }
  return "";
}

std::string_view name(ColumnType t) {
  switch (t) {
    case ColumnType::kText:
      return "text";
    case ColumnType::kInteger:
      return "int";
    case ColumnType::kNumber:
      return "numeric";
  }
  return "";
}

namespace {

constexpr analytics::Level kLiveLevels[] = {analytics::Level::kProvince, analytics::Level::kCommune};
constexpr analytics::PeriodType kLivePeriods[] = {
    analytics::PeriodType::kMonth, analytics::PeriodType::kQuarter, analytics::PeriodType::kYear};

json::object text_json(const Text& t) { return json::object{{"vi", t.vi}, {"en", t.en}}; }

bool id_shaped(std::string_view s) {
  return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

bool valid_dataset_name(std::string_view s) {
  return s.size() >= 2 && s.size() <= 100 && s.front() != '-' && s.back() != '-' &&
         std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

json::object meta_json(const DatasetMeta& m) {
  json::array keywords;
  for (const auto& k : m.keywords) keywords.push_back(json::string(k));
  return json::object{{"name", m.name},
                      {"title", text_json(m.title)},
                      {"description", text_json(m.description)},
                      {"publisher", m.publisher},
                      {"theme", m.theme},
                      {"keywords", std::move(keywords)},
                      {"spatial", m.spatial},
                      {"temporal_start", m.temporal_start},
                      {"temporal_end", m.temporal_end},
                      {"frequency", name(m.frequency)},
                      {"licence", m.licence},
                      {"contact", m.contact}};
}

Result<DatasetMeta> read_meta(const JsonReader& r, const json::object& o, const std::string& path) {
  DatasetMeta m;
  auto name_text = r.string(o, path, "name", true);
  if (!name_text) return tl::unexpected(name_text.error());
  if (!valid_dataset_name(*name_text))
    return r.error(JsonReader::join(path, "name"),
                   "must be 2-100 of a-z, 0-9 and -, not starting or ending with -");
  m.name = *name_text;
  auto title = analytics::read_text(r, o, path, "title");
  if (!title) return tl::unexpected(title.error());
  m.title = *title;
  auto description = analytics::read_text(r, o, path, "description");
  if (!description) return tl::unexpected(description.error());
  m.description = *description;
  for (auto [key, out] :
       {std::pair{"publisher", &m.publisher}, std::pair{"theme", &m.theme}, std::pair{"spatial", &m.spatial},
        std::pair{"licence", &m.licence}, std::pair{"contact", &m.contact}}) {
    auto s = r.string(o, path, key, true);
    if (!s) return tl::unexpected(s.error());
    *out = std::move(*s);
  }
  for (auto [key, out] :
       {std::pair{"temporal_start", &m.temporal_start}, std::pair{"temporal_end", &m.temporal_end}}) {
    auto s = r.string(o, path, key, false);
    if (!s) return tl::unexpected(s.error());
    *out = std::move(*s);
  }
  if (m.contact.find('@') == std::string::npos)
    return r.error(JsonReader::join(path, "contact"), "must be an e-mail address");
  auto keywords = r.strings(o, path, "keywords", false);
  if (!keywords) return tl::unexpected(keywords.error());
  m.keywords = std::move(*keywords);
  auto frequency = enum_member(r, o, path, "frequency", kFrequencies);
  if (!frequency) return tl::unexpected(frequency.error());
  m.frequency = *frequency;
  return m;
}

json::array columns_json(const std::vector<Column>& columns) {
  json::array out;
  for (const auto& c : columns)
    out.push_back(json::object{{"id", c.id},
                               {"type", name(c.type)},
                               {"label", text_json(c.label)},
                               {"definition", text_json(c.definition)},
                               {"unit", c.unit},
                               {"personal", c.personal},
                               {"required", c.required},
                               {"key", c.key}});
  return out;
}

Result<std::vector<Column>> read_columns(const JsonReader& r, const json::value& v, const std::string& path) {
  if (!v.is_array()) return r.error(path, "must be an array of columns");
  std::vector<Column> out;
  const auto& arr = v.as_array();
  if (arr.empty()) return r.error(path, "must not be empty");
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const auto p = JsonReader::index(path, i);
    auto o = r.object(arr[i], p);
    if (!o) return tl::unexpected(o.error());
    if (auto ok =
            r.only_keys(**o, p, {"id", "type", "label", "definition", "unit", "personal", "required", "key"});
        !ok)
      return tl::unexpected(ok.error());
    Column c;
    auto id = r.string(**o, p, "id", true);
    if (!id) return tl::unexpected(id.error());
    if (!id_shaped(*id)) return r.error(JsonReader::join(p, "id"), "must be 1-64 of a-z, 0-9 and _");
    for (const auto& earlier : out)
      if (earlier.id == *id) return r.error(JsonReader::join(p, "id"), "duplicate column " + *id);
    c.id = *id;
    auto type = enum_member(r, **o, p, "type", kColumnTypes);
    if (!type) return tl::unexpected(type.error());
    c.type = *type;
    auto label = analytics::read_text(r, **o, p, "label");
    if (!label) return tl::unexpected(label.error());
    c.label = *label;
    auto definition = analytics::read_text(r, **o, p, "definition");
    if (!definition) return tl::unexpected(definition.error());
    c.definition = *definition;
    auto unit = r.string(**o, p, "unit", false);
    if (!unit) return tl::unexpected(unit.error());
    c.unit = *unit;
    auto personal = r.boolean(**o, p, "personal", false);
    if (!personal) return tl::unexpected(personal.error());
    c.personal = *personal;
    auto required = r.boolean(**o, p, "required", true);
    if (!required) return tl::unexpected(required.error());
    c.required = *required;
    auto key = r.boolean(**o, p, "key", false);
    if (!key) return tl::unexpected(key.error());
    c.key = *key;
    out.push_back(std::move(c));
  }
  return out;
}

json::object live_json(const LiveDefinition& d) {
  return json::object{{"indicator", d.indicator},
                      {"level", analytics::name(d.level)},
                      {"period_type", analytics::name(d.period_type)},
                      {"periods", d.periods}};
}

Result<LiveDefinition> read_live(const JsonReader& r, const json::object& o, const std::string& path) {
  LiveDefinition d;
  auto indicator = r.string(o, path, "indicator", true);
  if (!indicator) return tl::unexpected(indicator.error());
  d.indicator = *indicator;
  auto level = enum_member(r, o, path, "level", kLiveLevels);
  if (!level) return tl::unexpected(level.error());
  d.level = *level;
  auto period_type = enum_member(r, o, path, "period_type", kLivePeriods);
  if (!period_type) return tl::unexpected(period_type.error());
  d.period_type = *period_type;
  auto periods = r.integer(o, path, "periods", 1, 120);
  if (!periods) return tl::unexpected(periods.error());
  d.periods = static_cast<int>(*periods);
  return d;
}

std::string release_content(const std::vector<Column>& columns, const std::vector<std::vector<Value>>& rows) {
  json::array out_rows;
  out_rows.reserve(rows.size());
  for (const auto& row : rows) out_rows.push_back(json::array(row.begin(), row.end()));
  return json::serialize(json::object{{"columns", columns_json(columns)}, {"rows", std::move(out_rows)}});
}

Status read_release_content(std::string_view text, Release& into) {
  const std::string origin = "release " + into.dataset;
  const JsonReader r(origin);
  boost::system::error_code ec;
  auto v = parse_json(text, ec);
  if (ec || !v.is_object()) return fail_internal("release content of " + into.dataset + " is not JSON");
  auto& o = v.as_object();
  auto columns = read_columns(r, o["columns"], "columns");
  if (!columns) return tl::unexpected(columns.error());
  into.columns = std::move(*columns);
  into.rows.clear();
  for (auto& row : o["rows"].as_array()) {
    auto& cells = row.as_array();
    into.rows.emplace_back(std::make_move_iterator(cells.begin()), std::make_move_iterator(cells.end()));
  }
  return {};
}

}  // namespace sen::opendata
