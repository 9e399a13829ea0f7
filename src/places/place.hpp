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

// A public body (People's Committee, public-service centre, ...) located in a place.
struct Agency {
  std::string code;
  std::string name;
  std::string kind;
  std::string place_code;
};

inline constexpr std::string_view kNationCode = "VN";

}  // namespace sen::places
