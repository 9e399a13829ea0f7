#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace sen::documents {

// A bank transfer to one account, as VietQR (NAPAS, on EMVCo merchant-presented mode) encodes it.
struct VietQrRequest {
  std::string bank_bin;       // 6-digit NAPAS acquirer BIN of the receiving bank, e.g. "970436"
  std::string account;        // account number at that bank
  long long amount_vnd = 0;   // whole đồng; a fee is always a fixed amount
  std::string reference;      // transfer purpose (tag 62-08): what reconciles the payment to a dossier
  std::string merchant_name;  // optional (tag 59)
  std::string merchant_city;  // optional (tag 60)
};

// The text to put in the QR code. Every banking app in Vietnam reads it and fills in the transfer.
// Invalid input fails with kInvalidArgument naming the request field.
Result<std::string> vietqr_payload(const VietQrRequest& request);

// CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF, no reflection, no final xor): EMVCo tag 63.
std::uint16_t crc16_ccitt_false(std::string_view data);

}  // namespace sen::documents
