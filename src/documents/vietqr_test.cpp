#include "documents/vietqr.hpp"

#include <gtest/gtest.h>

#include <map>

namespace sen::documents {
namespace {

VietQrRequest valid_request() {
  return {.bank_bin = "970436",
          .account = "0881000458086",
          .amount_vnd = 150000,
          .reference = "SEN UBND00004 0001",
          .merchant_name = {},
          .merchant_city = {}};
}

// Reads one level of EMVCo data objects, checking that every length matches its value.
std::map<std::string, std::string> parse_tlv(std::string_view text) {
  std::map<std::string, std::string> out;
  while (!text.empty()) {
    EXPECT_GE(text.size(), 4u);
    if (text.size() < 4) break;
    const std::string id(text.substr(0, 2));
    const std::size_t length = std::stoul(std::string(text.substr(2, 2)));
    EXPECT_LE(4 + length, text.size()) << "object " << id;
    out[id] = std::string(text.substr(4, length));
    text.remove_prefix(std::min(text.size(), 4 + length));
  }
  return out;
}

TEST(Crc16CcittFalse, MatchesTheCatalogueCheckValue) {
  EXPECT_EQ(crc16_ccitt_false("123456789"), 0x29B1);
  EXPECT_EQ(crc16_ccitt_false(""), 0xFFFF);
}

TEST(Crc16CcittFalse, MatchesAPublishedVietQrCode) {
  // From the README of a third-party VietQR library (checksum CD60 there).
  EXPECT_EQ(crc16_ccitt_false(
                "00020001021238570010A00000072701270006970436011308810004580860208QRIBFTTA53037045802VN6304"),
            0xCD60);
}

TEST(VietQr, BuildsTheNapasPayload) {
  auto payload = vietqr_payload(valid_request());
  ASSERT_TRUE(payload) << payload.error().message;
  // Built by hand from the NAPAS/EMVCo layout; checksum computed independently.
  EXPECT_EQ(*payload,
            "000201"                      // 00 payload format indicator
            "010212"                      // 01 dynamic
            "3857"                        // 38 NAPAS merchant account information, 57 bytes
            "0010A000000727"              //   00 NAPAS GUID
            "0127"                        //   01 beneficiary organisation, 27 bytes
            "0006970436"                  //     00 BIN
            "01130881000458086"           //     01 account
            "0208QRIBFTTA"                //   02 transfer to an account
            "5303704"                     // 53 VND
            "5406150000"                  // 54 amount
            "5802VN"                      // 58 country
            "62220818SEN UBND00004 0001"  // 62 additional data, 08 purpose
            "63046106");                  // 63 CRC
}

TEST(VietQr, LengthsMatchValuesAndChecksumCoversEverythingBeforeIt) {
  auto request = valid_request();
  request.merchant_name = "UBND PHUONG BA DINH";
  request.merchant_city = "HA NOI";
  auto payload = vietqr_payload(request);
  ASSERT_TRUE(payload);

  auto root = parse_tlv(*payload);
  EXPECT_EQ(root["00"], "01");
  EXPECT_EQ(root["01"], "12");
  EXPECT_EQ(root["53"], "704");
  EXPECT_EQ(root["54"], "150000");
  EXPECT_EQ(root["58"], "VN");
  EXPECT_EQ(root["59"], "UBND PHUONG BA DINH");
  EXPECT_EQ(root["60"], "HA NOI");
  auto merchant = parse_tlv(root["38"]);
  EXPECT_EQ(merchant["00"], "A000000727");
  EXPECT_EQ(merchant["02"], "QRIBFTTA");
  auto beneficiary = parse_tlv(merchant["01"]);
  EXPECT_EQ(beneficiary["00"], "970436");
  EXPECT_EQ(beneficiary["01"], "0881000458086");
  EXPECT_EQ(parse_tlv(root["62"])["08"], "SEN UBND00004 0001");

  ASSERT_EQ(payload->substr(payload->size() - 8, 4), "6304");
  char crc[5];
  std::snprintf(crc, sizeof crc, "%04X",
                crc16_ccitt_false(std::string_view(*payload).substr(0, payload->size() - 4)));
  EXPECT_EQ(root["63"], crc);
}

TEST(VietQr, OmitsTheEmptyPurpose) {
  auto request = valid_request();
  request.reference.clear();
  auto payload = vietqr_payload(request);
  ASSERT_TRUE(payload);
  EXPECT_FALSE(parse_tlv(*payload).contains("62"));
}

TEST(VietQr, AcceptsTheLimits) {
  auto request = valid_request();
  request.account = "A123456789012345678";  // 19
  request.amount_vnd = 9'999'999'999'999;
  request.reference = std::string(25, 'X');
  EXPECT_TRUE(vietqr_payload(request));
  request.amount_vnd = 1;
  EXPECT_TRUE(vietqr_payload(request));
}

TEST(VietQr, EachInvalidInputNamesItsField) {
  struct Case {
    const char* field;
    void (*spoil)(VietQrRequest&);
  };
  const Case cases[] = {
      {"bank_bin", [](VietQrRequest& r) { r.bank_bin = "97043"; }},
      {"bank_bin", [](VietQrRequest& r) { r.bank_bin = "97043A"; }},
      {"bank_bin", [](VietQrRequest& r) { r.bank_bin = "9704360"; }},
      {"account", [](VietQrRequest& r) { r.account = ""; }},
      {"account", [](VietQrRequest& r) { r.account = std::string(20, '1'); }},
      {"account", [](VietQrRequest& r) { r.account = "0881-000"; }},
      {"amount_vnd", [](VietQrRequest& r) { r.amount_vnd = 0; }},
      {"amount_vnd", [](VietQrRequest& r) { r.amount_vnd = -5; }},
      {"amount_vnd", [](VietQrRequest& r) { r.amount_vnd = 10'000'000'000'000; }},
      {"reference", [](VietQrRequest& r) { r.reference = std::string(26, 'X'); }},
      {"reference", [](VietQrRequest& r) { r.reference = "Lệ phí khai sinh"; }},
      {"reference", [](VietQrRequest& r) { r.reference = "line\nbreak"; }},
      {"merchant_name", [](VietQrRequest& r) { r.merchant_name = "UBND Phường Ba Đình"; }},
      {"merchant_city", [](VietQrRequest& r) { r.merchant_city = "THANH PHO HA NOI X"; }},
  };
  for (const auto& c : cases) {
    auto request = valid_request();
    c.spoil(request);
    auto payload = vietqr_payload(request);
    ASSERT_FALSE(payload) << c.field;
    EXPECT_EQ(payload.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(payload.error().field, c.field);
  }
}

}  // namespace
}  // namespace sen::documents
