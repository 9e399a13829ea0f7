#include "assessment/support_applications.hpp"

#include <boost/json.hpp>
#include <cmath>

#include "assessment/assessment_store.hpp"
#include "audit/audit_log.hpp"
#include "services/procedure_results.hpp"

namespace sen::assessment {
namespace {

namespace json = boost::json;

}  // namespace

services::SubmissionCheck SupportApplications::check() {
  return [this](storage::Connection& conn, const identity::Principal& applicant,
                const services::Dossier& dossier,
                const json::object& form) { return check_application(conn, applicant, dossier, form); };
}

Status SupportApplications::check_application(storage::Connection& conn, const identity::Principal& applicant,
                                              const services::Dossier& dossier, const json::object& form) {
  const std::string solution_code = form_text(form, "solution_code");
  auto solution = solutions_.get(conn, solution_code);
  if (!solution) return tl::unexpected(solution.error());
  if (!*solution)
    return fail(ErrorCode::kInvalidArgument, "No approved solution with this code in the public list",
                "form.solution_code");
  const std::string assessment_id = form_text(form, "assessment_id");
  auto stored = load_assessment(conn, assessment_id);
  if (!stored) return tl::unexpected(stored.error());
  if (!*stored || (*stored)->owner_account_id != applicant.account_id)
    return fail(ErrorCode::kInvalidArgument, "No assessment of yours with this id", "form.assessment_id");
  const AssessmentRecord& a = **stored;
  if (a.framework != programme_.support_framework)
    return fail(ErrorCode::kInvalidArgument,
                "Support is decided on an assessment of " + programme_.support_framework,
                "form.assessment_id");
  if (a.status != AssessmentStatus::kConfirmed)
    return fail(ErrorCode::kInvalidArgument,
                "The assessment must first be confirmed by an accredited assessor", "form.assessment_id");
  auto latest = assessments_.latest_confirmed(applicant.account_id);
  if (!latest) return tl::unexpected(latest.error());
  if (!*latest || (*latest)->id != a.id)
    return fail(ErrorCode::kInvalidArgument, "Support is decided on your latest confirmed assessment",
                "form.assessment_id");
  const auto reviewed = parse_rfc3339(a.reviewed_at);
  const auto age =
      reviewed ? std::chrono::duration_cast<std::chrono::hours>(clock_.now() - *reviewed).count() / 24 : 0;
  if (age > programme_.assessment_max_age_days)
    return fail(ErrorCode::kInvalidArgument,
                "The assessment is older than the programme accepts; assess again", "form.assessment_id");
  const SupportRule* rule = programme_.rule_for(a.size);
  if (rule == nullptr)
    return fail(ErrorCode::kInvalidArgument, "Enterprises of this size are not eligible for co-funding",
                "form.assessment_id");
  const auto* cost_value = form.if_contains("cost_vnd");
  const std::int64_t cost = cost_value != nullptr && cost_value->is_int64() ? cost_value->as_int64() : 0;
  const auto share_of_cost = static_cast<std::int64_t>(std::floor(static_cast<double>(cost) * rule->share));
  const std::int64_t eligible = std::min(share_of_cost, rule->cap_vnd);
  return conn.execute_deferred(
      "INSERT INTO support_applications (dossier_code, assessment_id, solution_code, cost_vnd, share, "
      "cap_vnd, "
      "eligible_vnd, checked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {dossier.code, a.id, solution_code, cost, rule->share, rule->cap_vnd, eligible,
       format_rfc3339(clock_.now())});
}

Result<json::object> SupportApplications::get(const std::string& dossier_code) {
  auto conn = db_.acquire();
  if (!conn) return tl::unexpected(conn.error());
  auto r = (*conn)->execute(
      "SELECT assessment_id, solution_code, cost_vnd, share, cap_vnd, eligible_vnd, checked_at, paid_vnd, "
      "paid_at, "
      "payment_reference FROM support_applications WHERE dossier_code = $1",
      {dossier_code});
  if (!r) return tl::unexpected(r.error());
  if (r->rows.empty()) return fail(ErrorCode::kNotFound, "No support application with this code");
  const auto& row = r->rows.front();
  auto granted = services::issued_dossier(**conn, programme_.support_procedure, dossier_code);
  if (!granted) return tl::unexpected(granted.error());
  auto solution = solutions_.get(**conn, row.text(1));
  if (!solution) return tl::unexpected(solution.error());
  json::value payment = nullptr;
  if (!row.is_null(7))
    payment =
        json::object{{"amount_vnd", row.integer(7)}, {"paid_at", row.text(8)}, {"reference", row.text(9)}};
  return json::object{
      {"dossier", dossier_code},
      {"assessment", row.text(0)},
      {"solution", *solution ? json::value(solutions_.to_json(**solution)) : json::value(nullptr)},
      {"cost_vnd", row.integer(2)},
      {"share", row.real(3)},
      {"cap_vnd", row.integer(4)},
      {"eligible_vnd", row.integer(5)},
      {"checked_at", row.text(6)},
      {"granted_vnd", *granted ? json::value(row.integer(5)) : json::value(nullptr)},
      {"payment", std::move(payment)}};
}

Result<json::object> SupportApplications::record_payment(const identity::Principal& who,
                                                         const std::string& dossier_code,
                                                         const SupportPayment& payment,
                                                         const identity::Origin& origin) {
  if (payment.reference.empty() || payment.reference.size() > 64)
    return fail(ErrorCode::kInvalidArgument, "reference must be 1-64 characters", "reference");
  auto done = db_.write_transaction([&](storage::Connection& conn) -> Status {
    auto granted = services::issued_dossier(conn, programme_.support_procedure, dossier_code);
    if (!granted) return tl::unexpected(granted.error());
    if (!*granted) return fail(ErrorCode::kConflict, "Only a granted application is paid", "status");
    identity::Target t;
    t.place_code = (*granted)->place_code;
    t.agency_code = (*granted)->agency_code;
    t.role = "processing_officer";
    if (!authorizer_.authorize(who, identity::Action::kProcessDossier, t))
      return fail(ErrorCode::kForbidden,
                  "Only a processing officer of the deciding agency records the payment");
    auto row = conn.execute("SELECT eligible_vnd, paid_at FROM support_applications WHERE dossier_code = $1",
                            {dossier_code});
    if (!row) return tl::unexpected(row.error());
    if (row->rows.empty()) return fail(ErrorCode::kNotFound, "No support application with this code");
    if (!row->rows.front().is_null(1))
      return fail(ErrorCode::kConflict, "The payment is already recorded", "payment");
    if (payment.amount_vnd != row->rows.front().integer(0))
      return fail(ErrorCode::kInvalidArgument, "amount_vnd must be the amount granted", "amount_vnd");
    auto u = conn.execute(
        "UPDATE support_applications SET paid_vnd = $2, paid_at = $3, payment_reference = $4, paid_by = $5 "
        "WHERE dossier_code = $1",
        {dossier_code, payment.amount_vnd, format_rfc3339(clock_.now()), payment.reference, who.account_id});
    if (!u) return tl::unexpected(u.error());
    const json::object summary{{"amount_vnd", payment.amount_vnd}, {"reference", payment.reference}};
    return audit::append(conn,
                         {origin.actor_id, origin.ip, "support.payment", "dossier", dossier_code,
                          (*granted)->place_code, json::serialize(summary)},
                         clock_);
  });
  if (!done) return tl::unexpected(done.error());
  return get(dossier_code);
}

}  // namespace sen::assessment
