#include "services/dossier_transition.hpp"

#include "core/clock.hpp"
#include "services/deadline.hpp"

namespace sen::services {

Status apply_transition(Dossier& d, const Procedure& p, const Plan& plan, TimePoint now,
                        const calendar::WorkingCalendar& cal) {
  const Effects& fx = plan.effects();
  const std::string at = format_rfc3339(now);
  const std::string old_step = d.step;
  d.status = plan.to();
  d.step = plan.to_step;
  if (fx.starts_clock) {
    // The time limit in force when the dossier was submitted, kept on it.
    if (!d.time_limit) return fail_internal("dossier " + d.code + " has no time limit");
    d.received_at = at;
    d.due_at = format_rfc3339(due_at(*d.time_limit, now, cal));
  }
  if (fx.pauses_clock) d.paused_at = at;
  // Leaving the supplement any other way (withdrawn) ends the pause too; the due time stays.
  if (!fx.pauses_clock && !fx.resumes_clock && d.status != DossierStatus::kAwaitingSupplement)
    d.paused_at.reset();
  if (fx.resumes_clock) {
    auto due = stored_time(d.due_at, "due_at");
    if (!due) return tl::unexpected(due.error());
    auto paused = stored_time(d.paused_at, "paused_at");
    if (!paused) return tl::unexpected(paused.error());
    d.due_at = format_rfc3339(resumed_due_at(*due, *paused, now, cal));
    d.paused_at.reset();
  }
  if (d.step != old_step || fx.starts_clock || fx.resumes_clock || fx.changes_agency) {
    d.step_started_at = at;
    if (d.received_at) {
      const Step* step = p.step(d.step);
      if (step == nullptr) return fail_internal("procedure " + p.code + " has no step " + d.step);
      auto received = stored_time(d.received_at, "received_at");
      if (!received) return tl::unexpected(received.error());
      auto due = stored_time(d.due_at, "due_at");
      if (!due) return tl::unexpected(due.error());
      d.step_due_at = format_rfc3339(step_due_at(now, step->share, *received, *due, cal));
    }
  }
  if (fx.finishes) {
    d.finished_at = at;
    if (d.due_at) {
      auto due = stored_time(d.due_at, "due_at");
      if (!due) return tl::unexpected(due.error());
      d.timeliness = timeliness(now, *due);
    }
  }
  d.step_role = acting_role_text(p, workflow_state(d));
  return {};
}

}  // namespace sen::services
