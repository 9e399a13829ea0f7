#pragma once

#include <boost/json/object.hpp>

#include "identity/account_service.hpp"
#include "services/dossier_service.hpp"

namespace sen::services {

// Everything Sen holds about the caller, as one JSON document they download (Law on Personal Data
// Protection 2025: the data subject's right to a copy): their account and roles, every dossier they
// applied for in full (form, papers' records, history, result, payment), their notifications, and
// who read their dossiers. kPayloadTooLarge beyond `max_items` dossiers, notifications or readings.
Result<boost::json::object> personal_data(DossierService& dossiers, identity::AccountService& accounts,
                                          const identity::Principal& who, std::size_t max_items);

}  // namespace sen::services
