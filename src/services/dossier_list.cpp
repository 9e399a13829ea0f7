#include "services/dossier_list.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <charconv>
#include <map>
#include <set>

#include "core/text_fold.hpp"
#include "services/deadline.hpp"
#include "services/workflow.hpp"
#include "storage/keyset_page.hpp"

namespace sen::services {
namespace {

namespace json = boost::json;
using identity::DossierScope;
using identity::DossierScopeKind;

constexpr char kKeySeparator = '\x1f';
constexpr std::string_view kCursorVersion = "d1";

constexpr std::string_view kListColumns =
    "d.code, d.procedure_code, d.applicant_name, d.status, d.step, d.due_at, d.step_due_at, d.created_at, "
    "d.received_at, d.timeliness, d.queue_rank, d.urgency_at, d.submitted_at";

std::string day_start(std::chrono::year_month_day day) {
  return fmt::format("{:04}-{:02}-{:02}T00:00:00+07:00", int(day.year()), unsigned(day.month()),
                     unsigned(day.day()));
}

std::string next_day_start(std::chrono::year_month_day day) {
  return day_start(std::chrono::year_month_day(std::chrono::sys_days(day) + std::chrono::days(1)));
}

// SQL for one scope's rows, with its parameters appended to `params`.
std::string scope_condition(const DossierScope& scope, std::vector<storage::Value>& params) {
  auto bind = [&](const std::string& v) {
    params.emplace_back(v);
    return fmt::format("${}", params.size());
  };
  std::string cond;
  switch (scope.kind) {
    case DossierScopeKind::kApplicant:
      return "d.applicant_id = " + bind(scope.code);
    case DossierScopeKind::kAgency:
      cond = "d.agency_code = " + bind(scope.code);
      break;
    case DossierScopeKind::kPlace:
      cond = "d.place_code = " + bind(scope.code);
      break;
    case DossierScopeKind::kProvince:
      cond = "d.province_code = " + bind(scope.code);
      break;
    case DossierScopeKind::kNation:
      cond = "1 = 1";
      break;
  }
  // Officials never see drafts: those rank 2, after every other dossier.
  cond += " AND d.queue_rank < 2";
  if (!scope.role.empty()) cond += " AND d.step_role = " + bind(scope.role);
  return cond;
}

// The counter (dossier_counts.scope) that holds a scope's counts, if one is kept.
std::optional<std::string> counter_of(const DossierScope& s) {
  switch (s.kind) {
    case DossierScopeKind::kApplicant:
      return "applicant:" + s.code;
    case DossierScopeKind::kAgency:
      return s.role.empty() ? "agency:" + s.code : "queue:" + s.code + ":" + s.role;
    case DossierScopeKind::kPlace:
      if (s.role.empty()) return "place:" + s.code;
      return std::nullopt;
    case DossierScopeKind::kProvince:
      if (s.role.empty()) return "province:" + s.code;
      return std::nullopt;
    case DossierScopeKind::kNation:
      if (s.role.empty()) return "nation";
      return std::nullopt;
  }
  return std::nullopt;
}

bool is_place_kind(DossierScopeKind k) {
  return k == DossierScopeKind::kPlace || k == DossierScopeKind::kProvince || k == DossierScopeKind::kNation;
}

struct Listed {
  ListKey key;
  storage::Row row;
};

// Text shaped like a dossier code or its beginning ("UBND-00004-261202", "xnc-01-2612"): letters,
// digits and dots in parts joined by hyphens, with a digit.
bool looks_like_code(std::string_view q) {
  return q.size() >= 4 && q.find('-') != std::string_view::npos &&
         q.find_first_of("0123456789") != std::string_view::npos &&
         std::all_of(q.begin(), q.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
         });
}

// Text shaped like a dossier code is looked up on the code's own index, which no scope's list index
// could use: the codes beginning with `q`. None when q is not code-shaped, when no code begins with it
// (part of a code from its middle, say) or more than 200 do; the text is then searched in codes and
// applicants' names.
Result<std::vector<std::string>> codes_beginning(storage::Connection& conn, std::string_view q) {
  constexpr int kMaxCodeMatches = 200;
  if (!looks_like_code(q)) return std::vector<std::string>{};
  std::string from(q);
  std::transform(from.begin(), from.end(), from.begin(), [](unsigned char c) { return std::toupper(c); });
  auto rows = conn.execute(
      fmt::format("SELECT code FROM dossiers WHERE code >= $1 AND code < $2 ORDER BY code LIMIT {}",
                  kMaxCodeMatches + 1),
      {from, from + "~"});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<std::string> codes;
  if (rows->rows.size() > static_cast<std::size_t>(kMaxCodeMatches)) return codes;
  for (const auto& r : rows->rows) codes.push_back(r.text(0));
  return codes;
}

}  // namespace

std::string encode_list_key(const ListKey& key) {
  return fmt::format("{}{}{}{}{}{}{}", kCursorVersion, kKeySeparator, key.rank, kKeySeparator, key.urgency_at,
                     kKeySeparator, key.code);
}

Result<ListKey> decode_list_key(std::string_view text) {
  auto bad = [] {
    return fail(ErrorCode::kInvalidArgument, "cursor is not a value returned in `next`", "cursor");
  };
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const auto end = text.find(kKeySeparator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (parts.size() != 4 || parts[0] != kCursorVersion || parts[3].empty()) return bad();
  ListKey key;
  auto [ptr, ec] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), key.rank);
  if (ec != std::errc() || ptr != parts[1].data() + parts[1].size() || key.rank < 0 || key.rank > 2)
    return bad();
  if (!parse_rfc3339(parts[2])) return bad();
  key.urgency_at = std::string(parts[2]);
  key.code = std::string(parts[3]);
  return key;
}

bool DossierLists::disjoint(const DossierScope& a, const DossierScope& b) const {
  if (a.kind == DossierScopeKind::kAgency && b.kind == DossierScopeKind::kAgency) {
    return a.code != b.code || (!a.role.empty() && !b.role.empty() && a.role != b.role);
  }
  if (is_place_kind(a.kind) && is_place_kind(b.kind) && a.kind != DossierScopeKind::kNation &&
      b.kind != DossierScopeKind::kNation) {
    if (!a.role.empty() && !b.role.empty() && a.role != b.role) return true;
    return !authorizer_.place_within(a.code, b.code) && !authorizer_.place_within(b.code, a.code);
  }
  return false;
}

std::vector<DossierScope> DossierLists::distinct_scopes(std::vector<DossierScope> scopes) const {
  auto covers = [&](const DossierScope& a, const DossierScope& b) {
    if (!a.role.empty() && a.role != b.role) return false;
    if (a.kind == DossierScopeKind::kNation) return b.kind != DossierScopeKind::kApplicant;
    if (a.kind == DossierScopeKind::kProvince && is_place_kind(b.kind) &&
        b.kind != DossierScopeKind::kNation) {
      return authorizer_.place_within(b.code, a.code);
    }
    return a.kind == b.kind && a.code == b.code;
  };
  std::vector<DossierScope> out;
  for (std::size_t i = 0; i < scopes.size(); ++i) {
    bool covered = false;
    for (std::size_t j = 0; j < scopes.size() && !covered; ++j) {
      // Of two scopes that cover each other (equal), the first is kept.
      covered = i != j && covers(scopes[j], scopes[i]) && (!covers(scopes[i], scopes[j]) || j < i);
    }
    if (!covered) out.push_back(scopes[i]);
  }
  return out;
}

Result<std::map<std::string, std::int64_t>> DossierLists::counts(
    storage::Connection& conn, const std::vector<DossierScope>& scopes) const {
  std::vector<std::string> counters;
  bool from_counters = true;
  for (std::size_t i = 0; i < scopes.size() && from_counters; ++i) {
    auto counter = counter_of(scopes[i]);
    from_counters = counter.has_value();
    if (counter) counters.push_back(std::move(*counter));
    for (std::size_t j = 0; j < i && from_counters; ++j) from_counters = disjoint(scopes[i], scopes[j]);
  }
  std::map<std::string, std::int64_t> by_status;
  if (from_counters) {
    for (const auto& counter : counters) {
      auto rows = conn.execute("SELECT status, n FROM dossier_counts WHERE scope = $1 AND n <> 0", {counter});
      if (!rows) return tl::unexpected(rows.error());
      for (const auto& r : rows->rows) by_status[r.text(0)] += r.integer(1);
    }
  } else {
    // Overlapping grants (an agency and a place, say) that no counter matches: counted here. Officials
    // rarely hold such a mix.
    std::vector<storage::Value> params;
    std::vector<std::string> parts;
    for (const auto& s : scopes) parts.push_back("(" + scope_condition(s, params) + ")");
    auto rows =
        conn.execute(fmt::format("SELECT d.status, count(*) FROM dossiers d WHERE {} GROUP BY d.status",
                                 fmt::join(parts, " OR ")),
                     params);
    if (!rows) return tl::unexpected(rows.error());
    for (const auto& r : rows->rows) by_status[r.text(0)] += r.integer(1);
  }
  return by_status;
}

Result<DossierPage> DossierLists::page(const identity::Principal& who, const DossierListFilter& filter,
                                       bool counted) const {
  if (!filter.procedure.empty() && !catalog_.get(filter.procedure)) {
    return fail(ErrorCode::kInvalidArgument, "procedure is not a procedure code", "procedure");
  }
  if (filter.submitted_from && filter.submitted_to && *filter.submitted_to < *filter.submitted_from) {
    return fail(ErrorCode::kInvalidArgument, "submitted_to is before submitted_from", "submitted_to");
  }
  const auto reach = who.kind == "official" && !filter.all ? identity::DossierReach::kQueue
                                                           : identity::DossierReach::kReadable;
  const auto scopes = distinct_scopes(authorizer_.dossier_scopes(who, reach));
  if (scopes.empty()) return DossierPage{{}, {}, 0, std::nullopt};

  // Conditions every scope shares: the filters, then the keyset position.
  std::vector<storage::Value> shared;
  std::string filters;
  auto bind = [&](storage::Value v) {
    shared.push_back(std::move(v));
    return fmt::format("${}", shared.size());
  };
  const std::string now = format_rfc3339(clock_.now());
  if (!filter.procedure.empty()) filters += " AND d.procedure_code = " + bind(filter.procedure);
  if (filter.overdue) filters += " AND d.due_at < " + bind(now);
  if (filter.due_today) {
    const auto today = local_date(clock_.now());
    filters +=
        " AND d.due_at >= " + bind(day_start(today)) + " AND d.due_at < " + bind(next_day_start(today));
  }
  if (filter.submitted_from) filters += " AND d.submitted_at >= " + bind(day_start(*filter.submitted_from));
  if (filter.submitted_to) filters += " AND d.submitted_at < " + bind(next_day_start(*filter.submitted_to));
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  if (!filter.text.empty()) {
    auto codes = codes_beginning(**conn, filter.text);
    if (!codes) return tl::unexpected(codes.error());
    if (codes->empty()) {
      filters += " AND d.search_text LIKE " + bind(storage::like_contains(fold_for_search(filter.text))) +
                 " ESCAPE '\\'";
    } else {
      std::vector<std::string> placeholders;
      for (auto& c : *codes) placeholders.push_back(bind(std::move(c)));
      filters += fmt::format(" AND d.code IN ({})", fmt::join(placeholders, ", "));
    }
  }
  if (filter.after) {
    const std::string rank = bind(filter.after->rank);
    const std::string at = bind(filter.after->urgency_at);
    filters += fmt::format(" AND (d.queue_rank, d.urgency_at, d.code) > ({}, {}, {})", rank, at,
                           bind(filter.after->code));
  }
  const std::string limit = bind(std::int64_t{filter.limit} + 1);

  // The statuses to read: the one asked for, those whose clock runs for the deadline filters, or all
  // (an empty range costs one index probe).
  std::vector<DossierStatus> statuses(kAllStatuses.begin(), kAllStatuses.end());
  if (filter.status) {
    statuses = {*filter.status};
  } else if (filter.overdue || filter.due_today) {
    statuses = {DossierStatus::kReceived, DossierStatus::kProcessing};
  }
  // A day's due dossiers are few whatever the scope: read by their due time, then sorted. SQLite
  // without statistics would take the scope's index instead and scan every open dossier of it.
  const std::string hint =
      filter.due_today && db_.dialect() == storage::Dialect::kSqlite ? " INDEXED BY dossiers_due" : "";
  // Each (scope, status) range's first limit+1 rows after the cursor, on its own index in the list
  // order; the merged first limit+1 are the list's.
  std::vector<Listed> listed;
  std::set<std::string> seen;
  for (const auto& scope : scopes) {
    for (auto status : statuses) {
      if (status == DossierStatus::kDraft && scope.kind != DossierScopeKind::kApplicant) continue;
      std::vector<storage::Value> params = shared;
      const std::string cond = scope_condition(scope, params);
      params.emplace_back(std::string(name(status)));
      auto rows = (*conn)->execute(
          fmt::format("SELECT {} FROM dossiers d{} WHERE {} AND d.status = ${}{} ORDER BY d.queue_rank, "
                      "d.urgency_at, d.code LIMIT {}",
                      kListColumns, hint, cond, params.size(), filters, limit),
          params);
      if (!rows) return tl::unexpected(rows.error());
      for (auto& r : rows->rows) {
        if (!seen.insert(r.text(0)).second) continue;
        ListKey key{r.integer(10), r.text(11), r.text(0)};
        listed.push_back({std::move(key), std::move(r)});
      }
    }
  }
  std::sort(listed.begin(), listed.end(), [](const Listed& a, const Listed& b) { return a.key < b.key; });
  const bool more = listed.size() > static_cast<std::size_t>(filter.limit);
  if (more) listed.resize(static_cast<std::size_t>(filter.limit));

  DossierPage out;
  if (counted) {
    auto by_status = counts(**conn, scopes);
    if (!by_status) return tl::unexpected(by_status.error());
    out.counts = std::move(*by_status);
    const bool only_status = filter.procedure.empty() && !filter.overdue && !filter.due_today &&
                             !filter.submitted_from && !filter.submitted_to && filter.text.empty();
    if (only_status) {
      std::int64_t n = 0;
      for (const auto& [status, count] : out.counts) {
        if (!filter.status || name(*filter.status) == status) n += count;
      }
      out.total = n;
    }
  }
  for (const auto& entry : listed) {
    const auto& r = entry.row;
    auto procedure = catalog_.get(r.text(1));
    if (!procedure) return tl::unexpected(procedure.error());
    const auto status = parse_status(r.text(3));
    if (!status) return fail_internal("dossier " + r.text(0) + " has an unknown status " + r.text(3));
    auto opt = [&](std::size_t i) {
      return r.is_null(i) ? std::nullopt : std::optional<std::string>(r.text(i));
    };
    ListedDossier item;
    item.code = r.text(0);
    item.procedure_code = r.text(1);
    item.procedure_name = (*procedure)->name;
    item.applicant_name = r.text(2);
    item.status = *status;
    item.step_id = r.text(4);
    item.step = (*procedure)->step(item.step_id);
    item.due_at = opt(5);
    item.step_due_at = opt(6);
    item.created_at = r.text(7);
    item.received_at = opt(8);
    item.timeliness = opt(9);
    item.submitted_at = opt(12);
    Dossier d;
    d.status = item.status;
    d.due_at = item.due_at;
    item.overdue = is_overdue(d, now);
    out.items.push_back(std::move(item));
  }
  if (more) out.next = listed.back().key;
  return out;
}

Result<boost::json::object> DossierLists::list(const identity::Principal& who,
                                               const DossierListFilter& filter) const {
  auto page = this->page(who, filter);
  if (!page) return tl::unexpected(page.error());
  auto opt = [](const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); };
  json::array items;
  for (const auto& d : page->items) {
    json::value step_json =
        d.step == nullptr
            ? json::value(json::object{{"id", d.step_id}})
            : json::value(json::object{{"id", d.step->id}, {"name", d.step->name}, {"role", d.step->role}});
    items.push_back(
        json::object{{"code", d.code},
                     {"procedure", json::object{{"code", d.procedure_code}, {"name", d.procedure_name}}},
                     {"applicant", json::object{{"name", d.applicant_name}}},
                     {"status", name(d.status)},
                     {"status_code", national_code(d.status)},
                     {"step", std::move(step_json)},
                     {"due_at", opt(d.due_at)},
                     {"step_due_at", opt(d.step_due_at)},
                     {"overdue", d.overdue},
                     {"timeliness", opt(d.timeliness)},
                     {"created_at", d.created_at},
                     {"submitted_at", opt(d.submitted_at)},
                     {"received_at", opt(d.received_at)}});
  }
  json::object counts;
  for (const auto& [status, n] : page->counts) counts[status] = n;
  return json::object{
      {"items", std::move(items)},
      {"counts", std::move(counts)},
      {"total", page->total ? json::value(*page->total) : json::value(nullptr)},
      {"next", page->next ? json::value(encode_list_key(*page->next)) : json::value(nullptr)}};
}

}  // namespace sen::services
