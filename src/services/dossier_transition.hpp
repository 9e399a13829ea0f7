#pragma once

#include <chrono>

#include "calendar/working_calendar.hpp"
#include "core/status.hpp"
#include "services/dossier.hpp"
#include "services/procedure.hpp"
#include "services/workflow.hpp"

namespace sen::services {

// Applies a planned transition to `d`: status, step, the acting role, and the clock: the due time set
// when the dossier is received, paused while the applicant supplements, resumed after; the new step's
// due time in office hours; early, on time or late decided when processing finishes.
Status apply_transition(Dossier& d, const Procedure& p, const Plan& plan,
                        std::chrono::system_clock::time_point now, const calendar::WorkingCalendar& cal);

}  // namespace sen::services
