#include "identity/identity_number.hpp"

#include <algorithm>
#include <array>

namespace sen::identity {
namespace {

// Province codes used in identification numbers (Circular 59/2021/TT-BCA, pre-2025 provinces).
constexpr std::array<std::string_view, 63> kBirthProvinceCodes = {
    "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020",
    "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038",
    "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060",
    "062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080", "082",
    "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096"};

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool looks_like_id_number(std::string_view username) { return username.size() == 12 && digits(username); }

Status validate_id_number(std::string_view number, std::string_view field) {
  if (number.size() != 12 || !digits(number)) {
    return fail(ErrorCode::kInvalidArgument, "An identification number has exactly 12 digits",
                std::string(field));
  }
  if (std::find(kBirthProvinceCodes.begin(), kBirthProvinceCodes.end(), number.substr(0, 3)) ==
      kBirthProvinceCodes.end()) {
    return fail(ErrorCode::kInvalidArgument, "The first 3 digits are not a province code",
                std::string(field));
  }
  return {};
}

std::string mask_id_number(std::string_view number) {
  if (number.size() < 7) return std::string(number.size(), '*');
  return std::string(number.substr(0, 3)) + std::string(number.size() - 6, '*') +
         std::string(number.substr(number.size() - 3));
}

Status validate_enterprise_code(std::string_view code, std::string_view field) {
  const bool plain = code.size() == 10 && digits(code);
  const bool branch =
      code.size() == 14 && digits(code.substr(0, 10)) && code[10] == '-' && digits(code.substr(11));
  if (!plain && !branch) {
    return fail(ErrorCode::kInvalidArgument,
                "An enterprise code has 10 digits, or 10 digits, '-' and 3 digits", std::string(field));
  }
  return {};
}

}  // namespace sen::identity
