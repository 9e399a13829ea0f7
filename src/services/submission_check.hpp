#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <map>
#include <string>

#include "core/status.hpp"
#include "identity/principal.hpp"
#include "services/dossier.hpp"
#include "storage/database.hpp"

namespace sen::services {

// A rule another module holds over a procedure's dossiers, checked when one is submitted, inside the
// submission's transaction: an error refuses the submission and names the field; the check may
// also record what it decided in its own tables (a co-funding application's eligible amount). The
// application wires them in, so the services never depend on the modules that own the rules.
using SubmissionCheck = std::function<Status(storage::Connection& conn, const identity::Principal& applicant,
                                             const Dossier& dossier, const boost::json::object& form)>;
using SubmissionChecks = std::map<std::string, SubmissionCheck, std::less<>>;  // by procedure code

}  // namespace sen::services
