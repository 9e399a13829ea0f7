#pragma once

#include <string_view>

#include "core/language.hpp"
#include "services/lifecycle.hpp"

namespace sen::services {

// What people read for the dossier domain's values, in exports, notifications and documents. The web
// UI keeps its own copy of these words in web/src/i18n (it also needs them offline of the server).
std::string_view status_label(DossierStatus s, Language lang);
// What happened, as the control sheet says it ("Tiếp nhận hồ sơ").
std::string_view event_label(DossierAction a, Language lang);
std::string_view actor_role_label(ActorRole r, Language lang);
// early | on_time | late; empty for anything else.
std::string_view timeliness_label(std::string_view timeliness, Language lang);
std::string_view yes_no(bool value, Language lang);

}  // namespace sen::services
