#include "assessment/assessment_import.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <map>
#include <memory>

#include "assessment/assessment_store.hpp"
#include "assessment/assessments.hpp"
#include "assessment/scoring.hpp"
#include "audit/audit_log.hpp"
#include "tables/csv.hpp"
#include "tables/xlsx_reader.hpp"

namespace sen::assessment {
namespace {

namespace json = boost::json;

constexpr std::string_view kSubjectColumns[] = {"subject_id", "subject_name", "industry", "size", "place"};

Error file_error(std::string message) {
  return Error{ErrorCode::kInvalidArgument, std::move(message), "file", {}};
}

// The items a respondent answers, in file order: the template's answer columns.
std::vector<const Item*> answered_items(const Framework& f) {
  std::vector<const Item*> out;
  for (const Item* it : f.all_items())
    if (it->source != ItemSource::kAutomatic) out.push_back(it);
  return out;
}

std::vector<std::string> split_ids(std::string_view cell) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= cell.size()) {
    const auto end = std::min(cell.find(';', start), cell.size());
    std::string_view part = cell.substr(start, end - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.emplace_back(part);
    start = end + 1;
  }
  return out;
}

// A cell as the JSON answer the API would take; an error message when it cannot be one.
std::variant<json::value, std::string> cell_answer(const Item& item, const std::string& cell) {
  if (cell == "na") return json::value("na");
  switch (item.kind) {
    case ItemKind::kSingleChoice:
      return json::value(cell);
    case ItemKind::kMultipleChoice:
    case ItemKind::kChecklist: {
      json::array ids;
      for (auto& id : split_ids(cell)) ids.emplace_back(id);
      return json::value(std::move(ids));
    }
    case ItemKind::kNumeric: {
      double d = 0;
      const auto* end = cell.data() + cell.size();
      const auto [ptr, ec] = std::from_chars(cell.data(), end, d);
      if (ec != std::errc() || ptr != end)
        return std::string("must be a number (with a point for decimals) or \"na\"");
      return json::value(d);
    }
    case ItemKind::kComputed:
      return std::string("is computed and has no column");
  }
  return std::string("unknown item kind");
}

bool tax_code_shaped(const std::string& s) {
  // 10 digits, or 10 digits, a dash and 3 digits (a branch).
  const auto digits = [&](std::size_t from, std::size_t n) {
    return std::all_of(s.begin() + static_cast<std::ptrdiff_t>(from),
                       s.begin() + static_cast<std::ptrdiff_t>(from + n),
                       [](char c) { return c >= '0' && c <= '9'; });
  };
  if (s.size() == 10) return digits(0, 10);
  return s.size() == 14 && digits(0, 10) && s[10] == '-' && digits(11, 3);
}

}  // namespace

Result<PlaceLookup> place_lookup(const places::PlaceRepository& places) {
  auto known = std::make_shared<std::map<std::string, KnownPlace>>();
  for (storage::PageRequest page{1000, "", false};;) {
    auto batch = places.list(places::PlaceFilter{}, page);
    if (!batch) return tl::unexpected(batch.error());
    for (const auto& p : batch->items) (*known)[p.code] = KnownPlace{p.level, places::province_of(p)};
    if (!batch->next_after) break;
    page.after = *batch->next_after;
  }
  return PlaceLookup([known](const std::string& code) -> std::optional<KnownPlace> {
    const auto it = known->find(code);
    if (it == known->end()) return std::nullopt;
    return it->second;
  });
}

tables::Table assessment_template(const Framework& f) {
  tables::Table t;
  t.title = f.code;
  for (auto c : kSubjectColumns) t.headers.emplace_back(c);
  for (const Item* it : answered_items(f)) t.headers.push_back(it->id);
  return t;
}

Result<AssessmentImportOutcome> import_assessments(std::string_view file, const Framework& f,
                                                   storage::Database& db, const PlaceLookup& places,
                                                   const Clock& clock, const AssessmentImportOptions& options,
                                                   const identity::Origin& origin) {
  if (f.subject_type != SubjectType::kEnterprise)
    return tl::unexpected(
        Error{ErrorCode::kInvalidArgument, "Only enterprise frameworks are imported", "framework", {}});
  auto records = tables::looks_like_xlsx(file) ? tables::read_xlsx(file, options.max_unpacked_bytes)
                                               : tables::read_csv(file);
  if (!records) return tl::unexpected(records.error());
  const auto items = answered_items(f);
  std::vector<std::string> columns(std::begin(kSubjectColumns), std::end(kSubjectColumns));
  for (const Item* it : items) columns.push_back(it->id);
  if (records->empty())
    return tl::unexpected(
        file_error("The file is empty; the first row names the columns (download the template)"));
  const auto& header = records->front();
  std::map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (std::find(columns.begin(), columns.end(), header[i]) == columns.end())
      return tl::unexpected(file_error("Unknown column '" + header[i] + "' for " + f.code + " version " +
                                       std::to_string(f.version) + " (download its template)"));
    if (!position.emplace(header[i], i).second)
      return tl::unexpected(file_error("The column '" + header[i] + "' appears twice"));
  }
  for (const auto& c : columns)
    if (!position.contains(c)) return tl::unexpected(file_error("The header has no '" + c + "' column"));

  AssessmentImportOutcome outcome;
  outcome.rows = records->size() - 1;
  if (outcome.rows > options.max_rows)
    return tl::unexpected(file_error("The file has " + std::to_string(outcome.rows) + " rows; at most " +
                                     std::to_string(options.max_rows) + " are imported at once"));

  const auto now = clock.now();
  const std::string at = format_rfc3339(now);
  std::vector<AssessmentRecord> valid;
  valid.reserve(outcome.rows);
  std::map<std::string, std::size_t> first_row_of;
  const auto cell = [&](const std::vector<std::string>& record,
                        const std::string& column) -> const std::string& {
    return record[position.at(column)];
  };
  for (std::size_t i = 1; i < records->size(); ++i) {
    const auto& record = (*records)[i];
    const std::size_t row = i + 1;
    const std::size_t errors_before = outcome.errors.size();
    const auto problem = [&](std::string column, std::string message) {
      outcome.errors.push_back({row, std::move(column), std::move(message)});
    };
    if (options.progress && (i % 1000 == 0 || i == outcome.rows)) options.progress(i, outcome.rows);
    if (record.size() != header.size()) {
      problem("", "The row has " + std::to_string(record.size()) + " values; the header has " +
                      std::to_string(header.size()));
      continue;
    }
    AssessmentRecord a;
    a.subject_id = cell(record, "subject_id");
    if (!tax_code_shaped(a.subject_id))
      problem("subject_id", "must be a tax code: 10 digits, or 10-3 for a branch");
    a.subject_name = cell(record, "subject_name");
    if (a.subject_name.empty() || a.subject_name.size() > 300)
      problem("subject_name", "must be 1-300 characters");
    a.industry = cell(record, "industry");
    if (std::none_of(f.industries.begin(), f.industries.end(),
                     [&](const Industry& x) { return x.id == a.industry; }))
      problem("industry", "'" + a.industry + "' is not an industry of " + f.code);
    a.size = cell(record, "size");
    if (std::find(std::begin(kSizes), std::end(kSizes), a.size) == std::end(kSizes) ||
        (!f.sizes.empty() && std::find(f.sizes.begin(), f.sizes.end(), a.size) == f.sizes.end()))
      problem("size", "'" + a.size + "' is not a size this framework is for");
    a.place_code = cell(record, "place");
    if (auto place = places(a.place_code);
        !place || (place->level != "province" && place->level != "commune")) {
      problem("place", "'" + a.place_code + "' is not the code of a province or commune");
    } else {
      a.province_code = place->province;
      if (options.may_import_at && !options.may_import_at(a.place_code))
        problem("place", "You may not import assessments of this place");
    }
    if (auto [earlier, fresh] = first_row_of.emplace(a.subject_id, row); !fresh)
      problem("subject_id", "The enterprise is also on row " + std::to_string(earlier->second));
    // Answers are read only against a known industry (checklists depend on it).
    Answers answers;
    const bool industry_known =
        outcome.errors.size() == errors_before ||
        std::none_of(outcome.errors.begin() + static_cast<std::ptrdiff_t>(errors_before),
                     outcome.errors.end(), [](const auto& e) { return e.column == "industry"; });
    const Subject subject{a.industry, a.size};
    for (const Item* it : items) {
      const std::string& text = cell(record, it->id);
      if (text.empty()) {
        if (it->source == ItemSource::kSelfReport) problem(it->id, "is empty: give an answer or \"na\"");
        continue;
      }
      if (!industry_known) continue;
      auto value = cell_answer(*it, text);
      if (auto* message = std::get_if<std::string>(&value)) {
        problem(it->id, *message);
        continue;
      }
      auto parsed = parse_answer(f, *it, std::get<json::value>(value), subject);
      if (!parsed) {
        // "answers.<id>: problem" -> the problem, under the item's column.
        const std::string& m = parsed.error().message;
        const auto colon = m.find(": ");
        problem(it->id, colon == std::string::npos ? m : m.substr(colon + 2));
        continue;
      }
      answers.emplace(it->id, std::move(*parsed));
    }
    if (outcome.errors.size() != errors_before) continue;
    const auto s = score(f, answers, subject, {});
    a.id = new_assessment_id(now);
    a.framework = f.code;
    a.framework_version = f.version;
    a.status = AssessmentStatus::kSubmitted;
    a.origin = AssessmentOrigin::kImport;
    a.answers = json::serialize(answers_to_json(answers));
    a.self_score = a.score = s.score;
    a.self_level = a.level = s.level ? s.level->id : "";
    a.created_at = a.updated_at = a.submitted_at = at;
    valid.push_back(std::move(a));
  }
  outcome.valid = valid.size();
  if (options.dry_run || valid.empty() || (!outcome.errors.empty() && !options.skip_invalid)) return outcome;

  auto written = db.write_transaction([&](storage::Connection& conn) -> Status {
    for (const auto& a : valid)
      if (auto ok = insert_assessment(conn, a); !ok) return ok;
    const json::object summary{{"framework", f.code},
                               {"version", f.version},
                               {"rows", outcome.rows},
                               {"imported", valid.size()},
                               {"skipped", outcome.rows - valid.size()}};
    return audit::append(
        conn,
        {origin.actor_id, origin.ip, "assessment.import", "framework", f.code, "", json::serialize(summary)},
        clock);
  });
  if (!written) return tl::unexpected(written.error());
  outcome.imported = valid.size();
  return outcome;
}

}  // namespace sen::assessment
