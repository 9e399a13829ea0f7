#include "demo/national_history.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <future>
#include <map>
#include <sstream>
#include <tuple>

#include "services/dossier.hpp"
#include "storage/bulk_load.hpp"
#include "tables/csv.hpp"

namespace sen::demo {
namespace {

using services::DossierAction;
using services::DossierStatus;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using Time = std::chrono::system_clock::time_point;

constexpr std::string_view kMarker = "DEMO-HISTORY";
constexpr int kMonths = 24;
constexpr std::size_t kBatch = 4000;  // dossiers per transaction
// The events' index by dossier code: dossiers are made commune by commune and their codes lead with
// the agency, so its inserts stay in one small region and keeping it costs less than sorting 60
// million keys at the end. Every other secondary index is set aside and built once (measured: keeping
// the dossiers' list indexes as well made the load a third slower than building them afterwards).
constexpr std::array<std::string_view, 1> kLocalIndexes = {"dossier_events_by_dossier"};

// splitmix64: the same numbers for a seed on every platform and standard library.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double between(double a, double b) { return a + (b - a) * uniform(); }
  bool chance(double p) { return uniform() < p; }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  // About `mean` (Poisson-like spread, never negative).
  int around(double mean) {
    return std::max(0, static_cast<int>(std::lround(mean + std::sqrt(mean) * between(-1.7, 1.7))));
  }

 private:
  std::uint64_t s_;
};

std::uint64_t mix(std::uint64_t seed, std::string_view key) {
  std::uint64_t h = seed ^ 0xcbf29ce484222325ULL;
  for (char c : key) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return h;
}

struct Profile {  // of a province or a commune
  double online_start, online_end, on_time, satisfaction, pay_online_start, pay_online_end, weight;
};

struct Commune {
  std::string code, province;
  std::string committee, police;  // agency codes
  Profile p;
};

struct ProcedureUse {
  std::shared_ptr<const services::Procedure> procedure;
  std::string agency_kind;
  double weight;
  std::int64_t fee;
  int limit_days;
};

std::string at_text(Time t) { return format_rfc3339(t); }

// Tết falls in late January or February: fewer dossiers that month, more the month before.
double season(int year, unsigned month) {
  const bool tet = (year == 2025 && month == 1) || (year == 2026 && month == 2) ||
                   (year == 2027 && month == 2) || (year == 2024 && month == 2);
  const bool before =
      (year == 2024 && month == 12) || (year == 2026 && month == 1) || (year == 2027 && month == 1);
  return tet ? 0.6 : before ? 1.2 : 1.0;
}

const char* kFamily[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh",
                         "Phan",   "Vũ",   "Võ", "Đặng", "Bùi",   "Đỗ"};
const char* kMiddle[] = {"Văn", "Thị", "Minh", "Thu", "Quốc", "Ngọc", "Đức", "Thanh"};
const char* kGiven[] = {"An",   "Bình", "Chi", "Dũng",  "Giang", "Hà",  "Hải", "Hương", "Khánh", "Lan",
                        "Long", "Mai",  "Nam", "Phong", "Quân",  "Sơn", "Tâm", "Trang", "Tuấn",  "Vy"};

std::string person_name(Rng& r) {
  return fmt::format("{} {} {}", kFamily[r.below(std::size(kFamily))], kMiddle[r.below(std::size(kMiddle))],
                     kGiven[r.below(std::size(kGiven))]);
}

using Rows = std::vector<std::vector<storage::Value>>;

// Rows of one transaction of the history.
struct Batch {
  std::vector<services::Dossier> dossiers;
  std::vector<services::EventRow> events;
  Rows payments, ratings, sequences;
};

class Loader {
 public:
  Loader(storage::Database& db, const Clock& clock, const HistoryOptions& options)
      : db_(db), clock_(clock), options_(options) {}

  Result<HistoryOutcome> run(const services::ProcedureCatalog& catalog,
                             const assessment::FrameworkRegistry& frameworks,
                             const std::filesystem::path& pack_dir) {
    HistoryOutcome out;
    {
      auto conn = db_.acquire();
      if (!conn) return tl::unexpected(conn.error());
      auto done =
          (*conn)->execute("SELECT rows FROM statistics_imports WHERE id = $1", {std::string(kMarker)});
      if (!done) return tl::unexpected(done.error());
      if (!done->rows.empty()) {
        if (done->rows.front().integer(0) < 0)
          return fail(ErrorCode::kConflict,
                      "An earlier demo history load was interrupted; start again in an empty data directory",
                      "scale");
        out.already_loaded = true;
        return out;
      }
      if (auto ok = read_places(**conn); !ok) return tl::unexpected(ok.error());
      if (auto ok = read_procedures(**conn, catalog); !ok) return tl::unexpected(ok.error());
    }
    // The marker says "loading" (rows -1) until the last row is in.
    if (auto ok = db_.write_transaction([&](storage::Connection& conn) {
          return conn.execute_deferred(
              "INSERT INTO statistics_imports (id, at, account_id, units, rows) VALUES ($1, $2, NULL, "
              "'current', -1)",
              {std::string(kMarker), at_text(clock_.now())});
        });
        !ok)
      return tl::unexpected(ok.error());
    auto bulk = storage::BulkLoad::begin(
        db_, {"accounts", "role_grants", "dossiers", "dossier_events", "payments", "ratings", "assessments"},
        {kLocalIndexes.begin(), kLocalIndexes.end()});
    if (!bulk) return tl::unexpected(bulk.error());
    const bool national = options_.scale == Scale::kNational;
    const std::size_t citizens = national ? 400000 : 6000;
    if (auto ok = write_people(citizens, out); !ok) return tl::unexpected(ok.error());
    // About 10 million dossiers nationally, 50,000 in the small history (seasonality and the online
    // share's growth add about 9% to the base rate).
    const double per_commune_month =
        national ? 9.2e6 / (3321.0 * kMonths) : 50000.0 / (communes_.size() * kMonths);
    if (auto ok = write_dossiers(per_commune_month, out); !ok) return tl::unexpected(ok.error());
    if (auto ok = write_assessments(frameworks, national ? 500000 : 5000, out); !ok)
      return tl::unexpected(ok.error());
    if (auto ok = write_statistics(pack_dir, out); !ok) return tl::unexpected(ok.error());
    if (options_.stage) options_.stage("building the indexes set aside during the load");
    if (auto ok = bulk->finish(); !ok) return tl::unexpected(ok.error());
    if (auto ok = db_.write_transaction([&](storage::Connection& conn) {
          return conn.execute_deferred("UPDATE statistics_imports SET rows = $2 WHERE id = $1",
                                       {std::string(kMarker), static_cast<std::int64_t>(out.statistics)});
        });
        !ok)
      return tl::unexpected(ok.error());
    return out;
  }

 private:
  Status read_places(storage::Connection& conn) {
    auto rows = conn.execute(
        "SELECT p.code, p.parent_code, a.code, a.kind FROM places p JOIN agencies a ON a.place_code = p.code "
        "WHERE p.level = 'commune' AND a.kind IN ('people_committee', 'commune_police') ORDER BY p.code, "
        "a.kind");
    if (!rows) return tl::unexpected(rows.error());
    std::map<std::string, Commune> by_code;
    for (const auto& row : rows->rows) {
      auto& c = by_code[row.text(0)];
      c.code = row.text(0);
      c.province = row.text(1);
      (row.text(3) == "people_committee" ? c.committee : c.police) = row.text(2);
    }
    // Province profiles: most improve steadily; a few lag clearly (off their targets, late often).
    std::map<std::string, Profile> provinces;
    std::map<std::string, int> seen_in_province;
    for (auto& [code, c] : by_code) {
      if (c.committee.empty() || c.police.empty()) continue;
      if (!provinces.contains(c.province)) {
        Rng r(mix(options_.seed, c.province));
        const bool lagging = r.chance(0.1);
        provinces[c.province] = Profile{r.between(0.25, 0.45),
                                        lagging ? r.between(0.35, 0.45) : r.between(0.65, 0.88),
                                        lagging ? r.between(0.80, 0.86) : r.between(0.94, 0.99),
                                        r.between(0.86, 0.96),
                                        r.between(0.2, 0.35),
                                        r.between(0.55, 0.85),
                                        1};
      }
      // The small history keeps five communes of every province.
      if (options_.scale == Scale::kSmall && ++seen_in_province[c.province] > 5) continue;
      Rng r(mix(options_.seed, c.code));
      Profile p = provinces[c.province];
      const bool struggling = r.chance(0.03);
      p.on_time =
          struggling ? r.between(0.55, 0.72) : std::clamp(p.on_time + r.between(-0.03, 0.02), 0.5, 0.995);
      p.online_end = std::clamp(p.online_end + r.between(-0.08, 0.08), 0.2, 0.95);
      p.weight = r.between(0.4, 1.8);
      c.p = p;
      communes_.push_back(c);
    }
    // Province by province: the rows of one province arrive together (see kLocalIndexes).
    std::sort(communes_.begin(), communes_.end(), [](const Commune& a, const Commune& b) {
      return std::tie(a.province, a.code) < std::tie(b.province, b.code);
    });
    if (communes_.empty())
      return fail(ErrorCode::kInvalidArgument, "Load the pack (places and agencies) first", "pack");
    return {};
  }

  Status read_procedures(storage::Connection& conn, const services::ProcedureCatalog& catalog) {
    auto rows = conn.execute("SELECT code FROM procedures WHERE level = 'commune' ORDER BY code");
    if (!rows) return tl::unexpected(rows.error());
    // How often each is asked for, roughly: certification and civil status most.
    const std::map<std::string, double> weights = {{"2.000815", 6}, {"2.000884", 3}, {"1.001193", 3},
                                                   {"1.004194", 3}, {"1.004222", 2}, {"1.004873", 2}};
    for (const auto& row : rows->rows) {
      auto p = catalog.get(row.text(0));
      if (!p) return tl::unexpected(p.error());
      const auto& proc = **p;
      if (proc.steps.size() < 3) continue;
      ProcedureUse use{*p, proc.handled_by.kind, 1, 0, 5};
      if (auto w = weights.find(proc.code); w != weights.end()) use.weight = w->second;
      for (const auto& ch : proc.channels) {
        if (ch.kind != "online") continue;
        use.fee = ch.fee_vnd.value_or(0);
        use.limit_days = ch.time_limit.unit == "same_day" ? 1 : std::max(1, ch.time_limit.value * 7 / 5);
      }
      procedures_.push_back(std::move(use));
    }
    if (procedures_.empty())
      return fail(ErrorCode::kInvalidArgument, "The pack has no commune procedures", "pack");
    double total = 0;
    for (const auto& p : procedures_) total += p.weight;
    double sum = 0;
    for (const auto& p : procedures_) cumulative_.push_back(sum += p.weight / total);
    return {};
  }

  Status write_people(std::size_t citizens, HistoryOutcome& out) {
    // Made-up people: no identity number, so nothing to seal.
    static constexpr std::array<std::string_view, 5> kCitizen = {"id", "kind", "username", "display_name",
                                                                 "created_at"};
    static constexpr std::array<std::string_view, 6> kOfficial = {
        "id", "kind", "username", "display_name", "agency_code", "created_at"};
    static constexpr std::array<std::string_view, 6> kGrant = {"id",         "account_id", "role",
                                                               "scope_kind", "scope_code", "created_at"};
    const std::string now = at_text(clock_.now());
    applicant_names_.resize(citizens);
    for (std::size_t first = 0; first < citizens; first += kBatch * 5) {
      auto rows = std::make_shared<Rows>();
      for (std::size_t i = first; i < std::min(citizens, first + kBatch * 5); ++i) {
        Rng r(mix(options_.seed, fmt::format("citizen{}", i)));
        applicant_names_[i] = person_name(r);
        rows->push_back(
            {fmt::format("LS{:08}", i), "citizen", fmt::format("ls.{:08}", i), applicant_names_[i], now});
      }
      if (auto ok = write_behind(
              [rows](storage::Connection& conn) { return conn.copy_rows("accounts", kCitizen, *rows); });
          !ok)
        return ok;
    }
    out.citizens = citizens;
    // Three officials per agency worked with: they hold the roles the workflow steps need.
    auto accounts = std::make_shared<Rows>();
    auto grants = std::make_shared<Rows>();
    for (const auto& c : communes_)
      for (const auto* agency : {&c.committee, &c.police})
        for (const char* role : {"receiving_officer", "processing_officer", "approving_leader"}) {
          const std::string id = fmt::format("LS-{}-{}", *agency, role);
          Rng r(mix(options_.seed, id));
          accounts->push_back(
              {id, "official", fmt::format("ls.{}.{}", *agency, role), person_name(r), *agency, now});
          grants->push_back({"G" + id, id, std::string(role), "agency", *agency, now});
          ++out.officials;
        }
    return write_behind([accounts, grants](storage::Connection& conn) -> Status {
      if (auto s = conn.copy_rows("accounts", kOfficial, *accounts); !s) return s;
      return conn.copy_rows("role_grants", kGrant, *grants);
    });
  }

  // Writes one batch while the caller makes the next: generating and writing each keep a core busy.
  // A failed batch surfaces at the next call or at drain().
  Status write_behind(std::function<Status(storage::Connection&)> work) {
    if (auto ok = drain(); !ok) return ok;
    pending_ = std::async(std::launch::async,
                          [this, work = std::move(work)] { return db_.write_transaction(work); });
    return {};
  }

  Status drain() {
    if (!pending_.valid()) return {};
    return pending_.get();
  }

  const ProcedureUse& pick_procedure(Rng& r) const {
    const double x = r.uniform();
    const auto it = std::lower_bound(cumulative_.begin(), cumulative_.end(), x);
    return procedures_[std::min<std::size_t>(static_cast<std::size_t>(it - cumulative_.begin()),
                                             procedures_.size() - 1)];
  }

  Status write_dossiers(double per_commune_month, HistoryOutcome& out) {
    const Time now = clock_.now();
    const auto today = std::chrono::floor<days>(now + hours(7));
    const std::chrono::year_month_day ymd(today);
    const std::chrono::year_month this_month(ymd.year(), ymd.month());
    // Estimated total for the progress bar.
    const std::size_t total =
        static_cast<std::size_t>(per_commune_month * communes_.size() * (kMonths + 0.1));
    std::size_t done = 0;
    auto batch = std::make_shared<Batch>();
    services::DossierCounts counts;
    // Dossier numbers of the commune and month being made: (agency, day) pairs never recur after.
    std::map<std::pair<std::string, std::string>, std::int64_t> sequences;
    const auto flush = [&]() -> Status {
      static constexpr std::array<std::string_view, 7> kPayment = {
          "reference", "dossier_code", "amount_vnd", "status", "transaction_id", "created_at", "paid_at"};
      static constexpr std::array<std::string_view, 5> kRating = {"dossier_code", "account_id", "score",
                                                                  "comment", "created_at"};
      static constexpr std::array<std::string_view, 3> kSequence = {"agency_code", "day", "last"};
      out.dossiers += batch->dossiers.size();
      out.events += batch->events.size();
      done += batch->dossiers.size();
      auto ok = write_behind([batch](storage::Connection& conn) -> Status {
        if (auto s = services::copy_dossiers(conn, batch->dossiers); !s) return s;
        if (auto s = services::copy_events(conn, batch->events); !s) return s;
        if (auto s = conn.copy_rows("payments", kPayment, batch->payments); !s) return s;
        if (auto s = conn.copy_rows("ratings", kRating, batch->ratings); !s) return s;
        return conn.copy_rows("dossier_sequences", kSequence, batch->sequences);
      });
      batch = std::make_shared<Batch>();
      if (options_.progress) options_.progress(std::min(done, total), total);
      return ok;
    };
    struct MonthShape {
      int year;
      unsigned month;
      double share;  // of the way through the history, 0 .. 1
      std::chrono::sys_days first_day;
      int days, usable_days;
    };
    std::vector<MonthShape> months;
    for (int back = kMonths; back >= 0; --back) {
      const std::chrono::year_month ym = this_month - std::chrono::months(back);
      const auto first_day = std::chrono::sys_days(ym / 1);
      const int month_days =
          static_cast<int>((std::chrono::sys_days((ym + std::chrono::months(1)) / 1) - first_day).count());
      // This month only up to yesterday.
      const int usable_days = back == 0 ? static_cast<int>(static_cast<unsigned>(ymd.day())) - 1 : month_days;
      if (usable_days <= 0) continue;
      months.push_back({static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()),
                        static_cast<double>(kMonths - back) / kMonths, first_day, month_days, usable_days});
    }
    // Commune by commune (each one's months together), so the rows of one agency and one place arrive
    // together and the indexes that lead with them take their inserts in one place (kLocalIndexes).
    for (const auto& c : communes_) {
      for (const auto& m : months) {
        Rng r(mix(options_.seed, fmt::format("{}:{}-{}", c.code, m.year, m.month)));
        const double growth = 0.85 + 0.3 * m.share;
        const int n = r.around(per_commune_month * c.p.weight * season(m.year, m.month) * growth *
                               m.usable_days / m.days);
        const double online = c.p.online_start + (c.p.online_end - c.p.online_start) * m.share;
        const double pay_online =
            c.p.pay_online_start + (c.p.pay_online_end - c.p.pay_online_start) * m.share;
        for (int i = 0; i < n; ++i) {
          make_dossier(r, c, m.first_day, m.usable_days, online, pay_online, 0.75 + 0.23 * m.share, now,
                       *batch, sequences);
          count_dossier(batch->dossiers.back(), counts);
          if (batch->dossiers.size() >= kBatch)
            if (auto ok = flush(); !ok) return ok;
        }
        for (auto& [key, last] : sequences) batch->sequences.push_back({key.first, key.second, last});
        sequences.clear();
      }
    }
    if (auto ok = flush(); !ok) return ok;
    if (auto ok = drain(); !ok) return ok;
    if (options_.progress) options_.progress(total, total);
    return db_.write_transaction(
        [&](storage::Connection& conn) -> Status { return services::add_dossier_counts(conn, counts); });
  }

  void make_dossier(Rng& r, const Commune& c, std::chrono::sys_days first_day, int usable_days,
                    double online_share, double pay_online_share, double digitised_share, Time now,
                    Batch& batch, std::map<std::pair<std::string, std::string>, std::int64_t>& sequences) {
    const ProcedureUse& use = pick_procedure(r);
    const auto& proc = *use.procedure;
    services::Dossier d;
    const std::string agency = use.agency_kind == "commune_police" ? c.police : c.committee;
    const Time submitted = first_day + days(r.below(static_cast<std::size_t>(usable_days))) +
                           hours(1 + r.below(9)) + minutes(r.below(60));  // 08:00-17:59 in Vietnam
    const auto local_day = std::chrono::year_month_day(std::chrono::floor<days>(submitted + hours(7)));
    const std::string day =
        fmt::format("{:02}{:02}{:02}", static_cast<int>(local_day.year()) % 100,
                    static_cast<unsigned>(local_day.month()), static_cast<unsigned>(local_day.day()));
    const std::int64_t number = ++sequences[{agency, day}];
    d.code = fmt::format("{}-{}-{:04}", agency, day, number);
    d.procedure_code = proc.code;
    const bool is_online = r.chance(online_share);
    d.channel = is_online ? "online" : r.chance(0.85) ? "direct" : "postal";
    const std::size_t who = r.below(applicant_names_.size());
    d.applicant_id = fmt::format("LS{:08}", who);
    d.applicant_name = applicant_names_[who];
    d.place_code = c.code;
    d.province_code = c.province;
    d.agency_code = agency;
    d.form = "{}";
    d.fee_vnd = use.fee;
    d.created_at = at_text(submitted - minutes(20));
    d.submitted_at = at_text(submitted);
    d.time_limit = services::TimeLimit{"working_days", std::max(1, use.limit_days * 5 / 7), 15};
    const auto event = [&](DossierAction action, DossierStatus from, DossierStatus to, Time at,
                           std::string_view role, std::size_t step) {
      services::EventRow e;
      e.dossier_code = d.code;
      e.procedure_code = d.procedure_code;
      e.place_code = d.place_code;
      e.agency_code = agency;
      e.channel = d.channel;
      e.at = at_text(at);
      e.actor_id = role == "applicant" ? std::optional(d.applicant_id)
                                       : std::optional(fmt::format("LS-{}-{}", agency, role));
      e.actor_name = role == "applicant" ? d.applicant_name : "Cán bộ " + agency;
      e.actor_role = role == "applicant"            ? services::ActorRole::kApplicant
                     : role == "receiving_officer"  ? services::ActorRole::kReceivingOfficer
                     : role == "processing_officer" ? services::ActorRole::kProcessingOfficer
                                                    : services::ActorRole::kApprovingLeader;
      e.action = action;
      e.from_status = from;
      e.to_status = to;
      e.step = proc.steps[std::min(step, proc.steps.size() - 1)].id;
      batch.events.push_back(std::move(e));
      return &batch.events.back();
    };
    auto* submit = event(DossierAction::kSubmit, DossierStatus::kDraft, DossierStatus::kSubmitted, submitted,
                         "applicant", 0);
    submit->fee_vnd = d.fee_vnd;
    const auto stop_at = [&](DossierStatus status, std::size_t step) {
      d.status = status;
      const auto& s = proc.steps[std::min(step, proc.steps.size() - 1)];
      d.step = s.id;
      d.step_role = s.role;
    };
    if (d.fee_vnd > 0 && is_online && r.chance(pay_online_share)) {
      auto* paid = event(DossierAction::kConfirmPayment, DossierStatus::kSubmitted, DossierStatus::kSubmitted,
                         submitted + minutes(5), "applicant", 0);
      paid->actor_role = services::ActorRole::kPaymentGateway;
      paid->actor_id.reset();
      paid->actor_name = "Cổng thanh toán";
      paid->fee_vnd = d.fee_vnd;
      paid->paid_online = true;
      const std::string paid_at = at_text(submitted + minutes(5));
      batch.payments.push_back({d.code, d.code, d.fee_vnd, "paid", "LS" + d.code, paid_at, paid_at});
    }
    const Time received = submitted + hours(1 + r.below(20));
    if (received > now) {
      stop_at(DossierStatus::kSubmitted, 0);
      batch.dossiers.push_back(std::move(d));
      return;
    }
    if (r.chance(0.02)) {
      event(DossierAction::kRefuse, DossierStatus::kSubmitted, DossierStatus::kRefused, received,
            "receiving_officer", 0);
      d.status = DossierStatus::kRefused;
      d.finished_at = at_text(received);
      batch.dossiers.push_back(std::move(d));
      return;
    }
    event(DossierAction::kAccept, DossierStatus::kSubmitted, DossierStatus::kReceived, received,
          "receiving_officer", 0);
    const Time due = received + days(use.limit_days);
    d.received_at = at_text(received);
    d.due_at = at_text(due);
    const bool on_time = r.chance(c.p.on_time);
    const double limit_hours = use.limit_days * 24.0;
    const Time finished =
        on_time ? received + hours(static_cast<int>(limit_hours * r.between(0.3, 0.98)))
                : due + hours(static_cast<int>(4 + r.below(static_cast<std::size_t>(limit_hours) + 24)));
    const Time forwarded = received + (finished - received) / 2;
    if (forwarded > now) {
      stop_at(DossierStatus::kReceived, 1);
      d.step_started_at = d.received_at;
      batch.dossiers.push_back(std::move(d));
      return;
    }
    event(DossierAction::kForward, DossierStatus::kReceived, DossierStatus::kProcessing, forwarded,
          "processing_officer", 1);
    if (finished > now) {
      stop_at(DossierStatus::kProcessing, 2);
      d.step_started_at = at_text(forwarded);
      batch.dossiers.push_back(std::move(d));
      return;
    }
    const std::string timeliness = !on_time ? "late" : (due - finished) > hours(24) ? "early" : "on_time";
    d.timeliness = timeliness;
    d.finished_at = at_text(finished);
    if (r.chance(0.015)) {
      auto* rejected = event(DossierAction::kReject, DossierStatus::kProcessing, DossierStatus::kRejected,
                             finished, "approving_leader", 2);
      rejected->timeliness = timeliness;
      rejected->comment = "Hồ sơ không đủ điều kiện theo quy định";
      d.status = DossierStatus::kRejected;
      batch.dossiers.push_back(std::move(d));
      return;
    }
    auto* approved = event(DossierAction::kApprove, DossierStatus::kProcessing, DossierStatus::kResultReady,
                           finished, "approving_leader", 2);
    approved->timeliness = timeliness;
    approved->result_digitised = r.chance(digitised_share);
    const Time returned = finished + hours(2 + r.below(40));
    if (returned > now) {
      stop_at(DossierStatus::kResultReady, proc.steps.size() - 1);
      batch.dossiers.push_back(std::move(d));
      return;
    }
    event(DossierAction::kReturnResult, DossierStatus::kResultReady, DossierStatus::kReturned, returned,
          "receiving_officer", proc.steps.size() - 1);
    d.status = DossierStatus::kReturned;
    if (r.chance(0.3) && returned + hours(3) < now) {
      const int score =
          r.chance(c.p.satisfaction) ? (r.chance(0.6) ? 5 : 4) : static_cast<int>(1 + r.below(3));
      auto* rated = event(DossierAction::kRate, DossierStatus::kReturned, DossierStatus::kReturned,
                          returned + hours(3), "applicant", proc.steps.size() - 1);
      rated->rating = score;
      batch.ratings.push_back(
          {d.code, d.applicant_id, std::int64_t{score}, "", at_text(returned + hours(3))});
    }
    batch.dossiers.push_back(std::move(d));
  }

  Status write_assessments(const assessment::FrameworkRegistry& frameworks, std::size_t count,
                           HistoryOutcome& out) {
    const assessment::Framework* f = frameworks.latest("dbi-sme");
    if (f == nullptr || !f->levels || f->levels->bands.empty()) return {};
    const Time now = clock_.now();
    std::vector<std::string> industries;
    for (const auto& i : f->industries) industries.push_back(i.id);
    const std::vector<std::string> sizes =
        f->sizes.empty() ? std::vector<std::string>{"micro", "small", "medium"} : f->sizes;
    const auto& bands = f->levels->bands;
    static constexpr std::array<std::string_view, 20> kAssessment = {
        "id",       "framework",  "framework_version", "subject_id",    "subject_name",
        "industry", "size",       "place_code",        "province_code", "status",
        "origin",   "answers",    "self_score",        "self_level",    "score",
        "level",    "created_at", "updated_at",        "submitted_at",  "version"};
    for (std::size_t first = 0; first < count; first += kBatch * 5) {
      const std::size_t last = std::min(count, first + kBatch * 5);
      auto rows = std::make_shared<Rows>();
      for (std::size_t i = first; i < last; ++i) {
        Rng r(mix(options_.seed, fmt::format("enterprise{}", i)));
        const Commune& c = communes_[r.below(communes_.size())];
        const std::string& size = sizes[r.below(sizes.size())];
        // Most enterprises start; bigger ones and later assessments climb further.
        const double x = r.uniform() + (size == "medium" || size == "large" ? 0.1 : 0);
        const std::size_t band = x < 0.6 ? 0 : x < 0.88 ? 1 : x < 0.97 ? 2 : 3;
        const auto& b = bands[std::min(band, bands.size() - 1)];
        const double score = std::round(r.between(b.from, std::max(b.from, b.to - 0.01)) * 100) / 100;
        const std::string when = at_text(now - days(r.below(700)) - hours(r.below(24)));
        const bool confirmed = r.chance(0.4);
        rows->push_back({fmt::format("LSDG{:09}", i),
                         f->code,
                         std::int64_t{f->version},
                         fmt::format("09{:08}", i),
                         fmt::format("Công ty TNHH {} {}", kGiven[r.below(std::size(kGiven))], i),
                         industries[r.below(industries.size())],
                         size,
                         c.code,
                         c.province,
                         std::string(confirmed ? "confirmed" : "submitted"),
                         "import",
                         "{}",
                         score,
                         b.id,
                         score,
                         b.id,
                         when,
                         when,
                         when,
                         std::int64_t{1}});
      }
      if (auto ok = write_behind([rows](storage::Connection& conn) {
            return conn.copy_rows("assessments", kAssessment, *rows);
          });
          !ok)
        return ok;
      out.assessments = last;
    }
    return drain();
  }

  Status write_statistics(const std::filesystem::path& pack_dir, HistoryOutcome& out) {
    const Time now = clock_.now();
    const std::chrono::year_month_day ymd(std::chrono::floor<days>(now + hours(7)));
    const std::chrono::year_month this_month(ymd.year(), ymd.month());
    std::vector<std::string> provinces;
    for (const auto& c : communes_)
      if (provinces.empty() || provinces.back() != c.province) provinces.push_back(c.province);
    std::sort(provinces.begin(), provinces.end());
    provinces.erase(std::unique(provinces.begin(), provinces.end()), provinces.end());
    // The units before 2025 for a mapped series: the old provinces of the pack's mapping.
    std::ifstream in(pack_dir / "admin-units" / "old-to-new.csv", std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto records = tables::read_csv(text.str());
    if (!records) return tl::unexpected(records.error());
    return db_.write_transaction([&](storage::Connection& conn) -> Status {
      const auto value = [&](const std::string& element, const std::string& reported, bool mapped,
                             const std::string& period, const std::string& place, double v) {
        ++out.statistics;
        return conn.execute_deferred(
            "INSERT INTO statistics_values (element, reported_code, mapped, period, place_code, split, "
            "value, import_id) "
            "VALUES ($1, $2, $3, $4, $5, 0, $6, $7)",
            {element, reported, std::int64_t{mapped}, period, place, v, std::string(kMarker)});
      };
      for (const auto& p : provinces) {
        Rng r(mix(options_.seed, "cashless" + p));
        const double start = r.between(0.45, 0.65), end = r.between(0.7, 0.9);
        // The province stops reporting one month in twenty: missing reports.
        for (int back = kMonths; back >= 1; --back) {
          const auto ym = this_month - std::chrono::months(back);
          const std::string period =
              fmt::format("{:04}-{:02}", static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
          if (back == 1 && r.chance(0.15)) continue;
          const double share = start + (end - start) * (kMonths - back) / kMonths;
          const double total = std::round(r.between(0.5e6, 3e6));
          if (auto s = value("payment_transactions", p, false, period, p, total); !s) return s;
          if (auto s = value("cashless_transactions", p, false, period, p, std::round(total * share)); !s)
            return s;
        }
      }
      // 2024 figures reported by the 63 provinces before the reorganisation, on today's units.
      for (std::size_t i = 1; i < records->size(); ++i) {
        const auto& row = (*records)[i];
        if (row.size() < 5 || row[2] != "province") continue;
        Rng r(mix(options_.seed, "households" + row[0]));
        const double households = std::round(r.between(2e5, 1.2e6));
        if (auto s = value("households", row[0], true, "2024", row[3], households); !s) return s;
        if (auto s = value("broadband_households", row[0], true, "2024", row[3],
                           std::round(households * r.between(0.6, 0.9)));
            !s)
          return s;
      }
      for (auto [period, share] : {std::pair{"2024", 18.3}, std::pair{"2025", 19.6}})
        if (auto s = value("digital_economy_gdp_share", "VN", false, period, "VN", share); !s) return s;
      return {};
    });
  }

  storage::Database& db_;
  const Clock& clock_;
  const HistoryOptions& options_;
  std::vector<Commune> communes_;
  std::vector<ProcedureUse> procedures_;
  std::vector<double> cumulative_;
  std::vector<std::string> applicant_names_;
  std::future<Status> pending_;  // the batch being written
};

}  // namespace

Result<HistoryOutcome> load_national_history(storage::Database& db, const services::ProcedureCatalog& catalog,
                                             const assessment::FrameworkRegistry& frameworks,
                                             const std::filesystem::path& pack_dir, const Clock& clock,
                                             const HistoryOptions& options) {
  return Loader(db, clock, options).run(catalog, frameworks, pack_dir);
}

}  // namespace sen::demo
