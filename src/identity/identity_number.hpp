#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"

namespace sen::identity {

// Vietnam's 12-digit personal identification number (số định danh cá nhân): 3 digits for the
// province where the birth was registered, 1 for century and sex, 2 for the birth year, 6 serial.
// Checked for form only; the national population database is the authority on existence.
Status validate_id_number(std::string_view number, std::string_view field = "id_number");

// Twelve digits: the shape of an identification number, whether or not it is a valid one. Such
// usernames are reserved for the citizen holding that number (only citizens' accounts may use them).
bool looks_like_id_number(std::string_view username);

// "001******345": enough to recognise, not enough to identify. Used in logs, audit and UI lists.
std::string mask_id_number(std::string_view number);

// Enterprise code (= tax code): 10 digits, or 10 digits, a hyphen and 3 digits for a branch.
Status validate_enterprise_code(std::string_view code, std::string_view field = "enterprise_code");

}  // namespace sen::identity
