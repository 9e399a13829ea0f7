#pragma once

#include <boost/json/object.hpp>

#include "core/status.hpp"
#include "documents/pdf_document.hpp"

namespace sen::assessment {

// The PDF report of an assessment, from its view (Assessments::get): who was assessed, the score per
// pillar and overall, the level and the gap to the next, the recommendations with their solutions,
// the comparison with peers, and the framework version it was scored with. In Vietnamese, the
// language of the record.
documents::DocumentSpec assessment_report(const boost::json::object& view);

}  // namespace sen::assessment
