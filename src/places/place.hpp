#pragma once

#include <optional>
#include <string>

namespace sen::places {

// A unit of Vietnam's two-tier local government: the nation "VN", a province or centrally-run city
// (2-digit code), or a commune, ward or special zone (5-digit code). Codes are strings: leading zeros
// matter.
struct Place {
  std::string code;
  std::string name;
  std::string level;  // nation | province | commune
  std::string type;   // quoc_gia | tinh | thanh_pho_truc_thuoc_trung_uong | xa | phuong | dac_khu
  std::optional<std::string> parent_code;
  std::optional<std::string> parent_name;
};

// A public body (People's Committee, commune police, ...) located in a place. Contact details are
// empty where the pack does not know them.
struct Agency {
  std::string code;
  std::string name;
  std::string kind;
  std::string place_code;
  std::string address = {};
  std::string phone = {};
  std::string email = {};
  std::string office_hours = {};
  friend bool operator==(const Agency&, const Agency&) = default;
};

inline constexpr std::string_view kNationCode = "VN";

// The province a place is in: itself, its parent for a commune, "" for the nation.
inline std::string province_of(const Place& p) {
  if (p.level == "province") return p.code;
  return p.level == "commune" ? p.parent_code.value_or("") : "";
}

}  // namespace sen::places
