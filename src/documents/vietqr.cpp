#include "documents/vietqr.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sen::documents {
namespace {

constexpr std::string_view kNapasGuid = "A000000727";
constexpr std::string_view kTransferToAccount = "QRIBFTTA";  // inter-bank fund transfer to an account
constexpr long long kMaxAmount = 9'999'999'999'999;          // tag 54 holds at most 13 characters

// One EMVCo data object: two-digit id, two-digit length, value. Callers keep values under 100 bytes.
std::string tlv(std::string_view id, std::string_view value) {
  return fmt::format("{}{:02}{}", id, value.size(), value);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_printable_ascii(char c) { return c >= 0x20 && c <= 0x7E; }

// EMVCo "ans" text: banking apps show it as is, and bytes outside printable ASCII (Vietnamese
// letters among them) are rejected or garbled by some of them.
Status check_plain_text(std::string_view text, std::size_t max, const char* field) {
  if (text.size() > max) {
    return fail(ErrorCode::kInvalidArgument, fmt::format("must be at most {} characters", max), field);
  }
  if (!std::all_of(text.begin(), text.end(), is_printable_ascii)) {
    return fail(ErrorCode::kInvalidArgument,
                "must use only unaccented letters, digits, spaces and ASCII punctuation", field);
  }
  return {};
}

Status validate(const VietQrRequest& r) {
  if (r.bank_bin.size() != 6 || !std::all_of(r.bank_bin.begin(), r.bank_bin.end(), is_digit)) {
    return fail(ErrorCode::kInvalidArgument, "must be the 6-digit bank BIN", "bank_bin");
  }
  if (r.account.empty() || r.account.size() > 19 ||
      !std::all_of(r.account.begin(), r.account.end(), is_alnum)) {
    return fail(ErrorCode::kInvalidArgument, "must be 1 to 19 letters or digits", "account");
  }
  if (r.amount_vnd < 1 || r.amount_vnd > kMaxAmount) {
    return fail(ErrorCode::kInvalidArgument, "must be between 1 and 9999999999999 đồng", "amount_vnd");
  }
  if (auto s = check_plain_text(r.reference, 25, "reference"); !s) return s;
  if (auto s = check_plain_text(r.merchant_name, 25, "merchant_name"); !s) return s;
  return check_plain_text(r.merchant_city, 15, "merchant_city");
}

}  // namespace

std::uint16_t crc16_ccitt_false(std::string_view data) {
  std::uint16_t crc = 0xFFFF;
  for (unsigned char byte : data) {
    crc ^= static_cast<std::uint16_t>(byte << 8);
    for (int bit = 0; bit < 8; ++bit) {
      crc = (crc & 0x8000) ? static_cast<std::uint16_t>((crc << 1) ^ 0x1021)
                           : static_cast<std::uint16_t>(crc << 1);
    }
  }
  return crc;
}

Result<std::string> vietqr_payload(const VietQrRequest& request) {
  if (auto s = validate(request); !s) return tl::unexpected(s.error());

  const std::string beneficiary = tlv("00", request.bank_bin) + tlv("01", request.account);
  std::string out = tlv("00", "01");  // payload format indicator
  out += tlv("01", "12");             // dynamic: the amount is fixed, the code is for one payment
  out += tlv("38", tlv("00", kNapasGuid) + tlv("01", beneficiary) + tlv("02", kTransferToAccount));
  out += tlv("53", "704");  // ISO 4217 code of the đồng
  out += tlv("54", std::to_string(request.amount_vnd));
  out += tlv("58", "VN");
  if (!request.merchant_name.empty()) out += tlv("59", request.merchant_name);
  if (!request.merchant_city.empty()) out += tlv("60", request.merchant_city);
  if (!request.reference.empty()) out += tlv("62", tlv("08", request.reference));
  // The checksum covers its own id and length.
  out += "6304";
  out += fmt::format("{:04X}", crc16_ccitt_false(out));
  return out;
}

}  // namespace sen::documents
