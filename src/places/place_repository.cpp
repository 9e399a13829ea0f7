#include "places/place_repository.hpp"

#include <fmt/format.h>

#include "core/text_fold.hpp"

namespace sen::places {
namespace {

constexpr std::string_view kSelectPlace =
    "SELECT p.code, p.name, p.level, p.type, p.parent_code, q.name FROM places p "
    "LEFT JOIN places q ON q.code = p.parent_code";
constexpr std::string_view kCountPlaces = "SELECT count(*) FROM places p";
constexpr std::string_view kPlaceFilter =
    "($1 = '' OR p.level = $1) AND ($2 = '' OR p.parent_code = $2) AND "
    "($3 = '' OR p.search_name LIKE $4 ESCAPE '\\' OR p.code = $3)";

constexpr std::string_view kSelectAgency =
    "SELECT a.code, a.name, a.kind, a.place_code, a.address, a.phone, a.email, a.office_hours FROM agencies "
    "a";
constexpr std::string_view kCountAgencies = "SELECT count(*) FROM agencies a";
constexpr std::string_view kAgencyFilter =
    "($1 = '' OR a.place_code = $1) AND ($2 = '' OR a.search_name LIKE $3 ESCAPE '\\')";

std::optional<std::string> optional_text(const storage::Row& row, std::size_t i) {
  if (row.is_null(i)) return std::nullopt;
  return row.text(i);
}

Place to_place(const storage::Row& row) {
  return Place{row.text(0), row.text(1),           row.text(2),
               row.text(3), optional_text(row, 4), optional_text(row, 5)};
}

Agency to_agency(const storage::Row& row) {
  return Agency{row.text(0), row.text(1), row.text(2), row.text(3),
                row.text(4), row.text(5), row.text(6), row.text(7)};
}

template <class T, class Convert>
Page<T> convert_page(storage::RowPage&& rows, Convert convert) {
  Page<T> page;
  page.total = rows.total;
  page.next_after = std::move(rows.next_after);
  page.items.reserve(rows.rows.size());
  for (const auto& row : rows.rows) page.items.push_back(convert(row));
  return page;
}

Error place_not_found(const std::string& code) {
  return Error{ErrorCode::kNotFound, fmt::format("No place with code '{}'", code), "code", {}};
}

}  // namespace

Result<Place> PlaceRepository::get(const std::string& code) const {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto rows = (*conn)->execute(fmt::format("{} WHERE p.code = $1", kSelectPlace), {code});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->rows.empty()) return tl::unexpected(place_not_found(code));
  return to_place(rows->rows.front());
}

Result<Page<Place>> PlaceRepository::list(const PlaceFilter& filter, const storage::PageRequest& page) const {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  const std::string folded = fold_for_search(filter.query);
  auto rows =
      storage::fetch_page(**conn, kSelectPlace, kCountPlaces, kPlaceFilter, "p.code",
                          {filter.level, filter.parent, folded, storage::like_contains(folded)}, page);
  if (!rows) return tl::unexpected(rows.error());
  return convert_page<Place>(std::move(*rows), to_place);
}

Result<Page<Place>> PlaceRepository::children(const std::string& code, const std::string& query,
                                              const storage::PageRequest& page) const {
  if (auto parent = get(code); !parent) return tl::unexpected(parent.error());
  return list(PlaceFilter{"", code, query}, page);
}

Result<Agency> PlaceRepository::get_agency(const std::string& code) const {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto rows = (*conn)->execute(fmt::format("{} WHERE a.code = $1", kSelectAgency), {code});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->rows.empty()) {
    return fail(ErrorCode::kNotFound, fmt::format("No agency with code '{}'", code), "code");
  }
  return to_agency(rows->rows.front());
}

Result<Agency> PlaceRepository::find_agency(const std::string& kind, const std::string& place_code) const {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto rows = (*conn)->execute(
      fmt::format("{} WHERE a.kind = $1 AND a.place_code = $2 ORDER BY a.code LIMIT 2", kSelectAgency),
      {kind, place_code});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->rows.size() != 1) {
    return fail(rows->rows.empty() ? ErrorCode::kNotFound : ErrorCode::kConflict,
                fmt::format("{} agency of kind '{}' at place '{}'",
                            rows->rows.empty() ? "No" : "More than one", kind, place_code),
                "place");
  }
  return to_agency(rows->rows.front());
}

Result<Page<Agency>> PlaceRepository::list_agencies(const std::string& place_code, const std::string& query,
                                                    const storage::PageRequest& page) const {
  if (!place_code.empty()) {
    if (auto place = get(place_code); !place) {
      auto e = place.error();
      e.field = "place";
      return tl::unexpected(e);
    }
  }
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  const std::string folded = fold_for_search(query);
  auto rows = storage::fetch_page(**conn, kSelectAgency, kCountAgencies, kAgencyFilter, "a.code",
                                  {place_code, folded, storage::like_contains(folded)}, page);
  if (!rows) return tl::unexpected(rows.error());
  return convert_page<Agency>(std::move(*rows), to_agency);
}

Result<int> PlaceRepository::upsert_places(const std::vector<Place>& places) {
  return db_.write_transaction([&](storage::Connection& conn) -> Result<int> {
    for (const auto& p : places) {
      auto r = conn.execute(
          "INSERT INTO places (code, name, search_name, level, type, parent_code) VALUES ($1, $2, $3, $4, "
          "$5, $6) "
          "ON CONFLICT (code) DO UPDATE SET name = excluded.name, search_name = excluded.search_name, "
          "level = excluded.level, type = excluded.type, parent_code = excluded.parent_code",
          {p.code, p.name, fold_for_search(p.name), p.level, p.type,
           p.parent_code ? storage::Value(*p.parent_code) : storage::Value(nullptr)});
      if (!r) return tl::unexpected(r.error());
    }
    return static_cast<int>(places.size());
  });
}

Result<int> PlaceRepository::upsert_agencies(const std::vector<Agency>& agencies) {
  return db_.write_transaction([&](storage::Connection& conn) -> Result<int> {
    for (const auto& a : agencies) {
      auto r = conn.execute(
          "INSERT INTO agencies (code, name, search_name, kind, place_code, address, phone, email, "
          "office_hours) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
          "ON CONFLICT (code) DO UPDATE SET name = excluded.name, search_name = excluded.search_name, "
          "kind = excluded.kind, place_code = excluded.place_code, address = excluded.address, "
          "phone = excluded.phone, email = excluded.email, office_hours = excluded.office_hours",
          {a.code, a.name, fold_for_search(a.name), a.kind, a.place_code, a.address, a.phone, a.email,
           a.office_hours});
      if (!r) return tl::unexpected(r.error());
    }
    return static_cast<int>(agencies.size());
  });
}

Result<Agency> PlaceRepository::create_agency(const Agency& a, const audit::Entry& who, const Clock& clock) {
  auto created = db_.write_transaction([&](storage::Connection& conn) -> Result<int> {
    auto r = conn.execute(
        "INSERT INTO agencies (code, name, search_name, kind, place_code) VALUES ($1, $2, $3, $4, $5)",
        {a.code, a.name, fold_for_search(a.name), a.kind, a.place_code});
    if (!r) {
      auto e = r.error();
      if (e.code == ErrorCode::kConflict) {
        e.message = fmt::format("An agency with code '{}' exists", a.code);
        e.field = "code";
      }
      return tl::unexpected(e);
    }
    audit::Entry entry = who;
    entry.action = "agency.create";
    entry.object_type = "agency";
    entry.object_id = a.code;
    entry.place_code = a.place_code;
    entry.summary = fmt::format(R"({{"kind":"{}"}})", a.kind);
    auto logged = audit::append(conn, entry, clock);
    if (!logged) return tl::unexpected(logged.error());
    return 1;
  });
  if (!created) return tl::unexpected(created.error());
  return a;
}

Result<std::int64_t> PlaceRepository::count_places() const {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto rows = (*conn)->execute("SELECT count(*) FROM places");
  if (!rows) return tl::unexpected(rows.error());
  return rows->rows.at(0).integer(0);
}

}  // namespace sen::places
