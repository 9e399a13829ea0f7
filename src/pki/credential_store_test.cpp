#include "pki/credential_store.hpp"

#include <gtest/gtest.h>
#include <openssl/pkcs12.h>
#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "audit/audit_log.hpp"
#include "core/key_seal.hpp"
#include "pki/certificate_authority.hpp"
#include "pki/openssl_support.hpp"
#include "storage/testing/backend_test.hpp"

namespace sen::pki {
namespace {

using std::chrono::system_clock;

class SettableClock final : public Clock {
 public:
  system_clock::time_point now() const override { return now_; }
  system_clock::time_point now_ = std::chrono::floor<std::chrono::seconds>(system_clock::now());
};

std::string sample_pdf() {
  std::ifstream in(std::filesystem::path(SEN_SOURCE_DIR) / "src/pki/testdata/cairo_sample.pdf",
                   std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string pkcs12_of(const IssuedCertificate& c, const char* password) {
  auto x = ossl::read_certificate(c.certificate_pem).value();
  auto key = ossl::read_private_key(c.private_key_pem).value();
  auto chain = ossl::read_certificates(c.chain_pem).value();
  ossl::CertStackPtr ca(sk_X509_new_null());
  for (auto& item : chain) sk_X509_push(ca.get(), item.release());
  ossl::Owned<PKCS12, PKCS12_free> p12(
      PKCS12_create(password, "", key.get(), x.get(), ca.get(), 0, 0, 0, 0, 0));
  unsigned char* der = nullptr;
  const int length = i2d_PKCS12(p12.get(), &der);
  std::string out(reinterpret_cast<char*>(der), length);
  OPENSSL_free(der);
  return out;
}

class CredentialStoreTest : public storage::testing::BackendTest {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    BackendTest::SetUp();
    if (!ready()) return;
    auto conn = db().acquire();
    ASSERT_TRUE(conn);
    for (const char* sql :
         {"INSERT INTO places (code, name, search_name, level, type) VALUES ('01', 'Thành phố Hà Nội', "
          "'thanh pho ha noi', 'province', 'Thành phố')",
          "INSERT INTO places (code, name, search_name, level, type, parent_code) VALUES ('00004', 'Phường "
          "Ba "
          "Đình', 'phuong ba dinh', 'commune', 'Phường', '01')",
          "INSERT INTO agencies (code, name, search_name, kind, place_code) VALUES ('UBND-00004', 'Ủy ban "
          "nhân dân "
          "Phường Ba Đình', 'uy ban nhan dan phuong ba dinh', 'commune_committee', '00004')",
          "INSERT INTO agencies (code, name, search_name, kind, place_code) VALUES ('STP-01', 'Sở Tư pháp', "
          "'so tu "
          "phap', 'department', '01')"}) {
      auto r = (*conn)->execute(sql);
      ASSERT_TRUE(r) << r.error().internal;
    }
    store_ = std::make_unique<CredentialStore>(db(), clock_, master_key_);
  }

  Credential ca() {
    auto r = store_->create_ca("Sen Root CA", 3650, "admin");
    EXPECT_TRUE(r) << r.error().message << r.error().internal;
    return r.value_or(Credential{});
  }

  Credential issue(const std::string& agency, int days = 365) {
    auto r = store_->issue_agency(agency, "", days, "admin");
    EXPECT_TRUE(r) << r.error().message << r.error().internal;
    return r.value_or(Credential{});
  }

  // Signs the sample PDF as the agency and verifies it against the store's current trust anchors.
  std::string sign_as(const std::string& agency) {
    auto signer = store_->active_signer(agency);
    EXPECT_TRUE(signer) << signer.error().message;
    if (!signer) return "";
    auto pdf = sign_pdf(sample_pdf(), signer->key, {"", "test", "", ""}, clock_.now());
    EXPECT_TRUE(pdf) << pdf.error().internal;
    return pdf.value_or("");
  }
  bool trusted(const std::string& pdf) {
    auto anchors = store_->trust_anchors_pem();
    EXPECT_TRUE(anchors);
    auto v = verify_pdf(pdf, anchors.value_or(std::vector<std::string>{}));
    return v && v->intact && v->trusted;
  }

  std::vector<std::string> audit_actions() {
    auto conn = db().acquire();
    auto rows = (*conn)->execute("SELECT action, summary FROM audit_log ORDER BY seq");
    std::vector<std::string> out;
    for (const auto& r : rows->rows) {
      EXPECT_EQ(r.text(1).find("PRIVATE"), std::string::npos) << "no key material in the audit log";
      out.push_back(r.text(0));
    }
    return out;
  }

  SettableClock clock_;
  std::string master_key_ = std::string(kSealKeyBytes, 'm');
  std::unique_ptr<CredentialStore> store_;
};

TEST_P(CredentialStoreTest, OneActiveCaAtATime) {
  if (!ready()) return;
  const Credential c = ca();
  EXPECT_EQ(c.kind, "ca");
  EXPECT_EQ(c.status, "active");
  EXPECT_EQ(c.source, "platform");
  EXPECT_EQ(c.subject, "CN=Sen Root CA, C=VN");
  auto again = store_->create_ca("Another", 3650, "admin");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto got = store_->get(c.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->certificate_pem, c.certificate_pem);
  EXPECT_EQ(store_->get("nope").error().code, ErrorCode::kNotFound);
}

TEST_P(CredentialStoreTest, IssuingWithoutACaNamesTheCommand) {
  if (!ready()) return;
  auto r = store_->issue_agency("UBND-00004", "", 365, "admin");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_EQ(r.error().message, kNoPlatformCa);
  EXPECT_EQ(store_->rotate_ca(10, "admin").error().message, kNoPlatformCa);
}

TEST_P(CredentialStoreTest, AnAgencyCertificateSignsTrustedDocuments) {
  if (!ready()) return;
  ca();
  const Credential c = issue("UBND-00004");
  EXPECT_EQ(c.kind, "agency");
  EXPECT_EQ(c.agency_code, "UBND-00004");
  EXPECT_EQ(c.subject, "CN=Ủy ban nhân dân Phường Ba Đình, OU=UBND-00004, O=Phường Ba Đình, C=VN");
  EXPECT_TRUE(trusted(sign_as("UBND-00004")));
  auto named = store_->issue_agency("STP-01", "Sở Tư pháp Hà Nội", 365, "admin");
  ASSERT_TRUE(named);
  EXPECT_EQ(named->subject, "CN=Sở Tư pháp Hà Nội, OU=STP-01, O=Thành phố Hà Nội, C=VN");
}

TEST_P(CredentialStoreTest, KeysAreStoredSealed) {
  if (!ready()) return;
  ca();
  issue("UBND-00004");
  auto conn = db().acquire();
  auto rows = (*conn)->execute("SELECT sealed_key FROM pki_credentials");
  ASSERT_EQ(rows->rows.size(), 2u);
  for (const auto& r : rows->rows) {
    EXPECT_EQ(r.text(0).find("PRIVATE KEY"), std::string::npos);
    auto opened = unseal(r.text(0), master_key_);
    ASSERT_TRUE(opened);
    EXPECT_NE(opened->find("PRIVATE KEY"), std::string::npos);
  }
  CredentialStore other(db(), clock_, std::string(kSealKeyBytes, 'x'));
  auto signer = other.active_signer("UBND-00004");
  ASSERT_FALSE(signer);
  EXPECT_EQ(signer.error().code, ErrorCode::kInternal);
}

TEST_P(CredentialStoreTest, UnknownAgenciesAndMissingSignersAreNotFound) {
  if (!ready()) return;
  ca();
  auto r = store_->issue_agency("NOPE", "", 365, "admin");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(r.error().field, "agency_code");
  EXPECT_EQ(store_->active_signer("STP-01").error().code, ErrorCode::kNotFound);
}

TEST_P(CredentialStoreTest, ReissuingRetiresThePreviousCredential) {
  if (!ready()) return;
  ca();
  const Credential first = issue("UBND-00004");
  clock_.now_ += std::chrono::seconds(1);
  const Credential second = issue("UBND-00004");
  EXPECT_EQ(store_->get(first.id)->status, "retired");
  EXPECT_EQ(store_->active_signer("UBND-00004")->credential.id, second.id);
}

TEST_P(CredentialStoreTest, RotatingTheCaKeepsEarlierDocumentsTrusted) {
  if (!ready()) return;
  const Credential old_ca = ca();
  issue("UBND-00004");
  const std::string before = sign_as("UBND-00004");
  clock_.now_ += std::chrono::seconds(1);
  auto rotated = store_->rotate_ca(3650, "admin");
  ASSERT_TRUE(rotated) << rotated.error().internal;
  EXPECT_EQ(rotated->subject, old_ca.subject);
  EXPECT_NE(rotated->serial, old_ca.serial);
  EXPECT_EQ(store_->get(old_ca.id)->status, "retired");
  EXPECT_EQ(store_->trust_anchors_pem()->size(), 2u);
  EXPECT_TRUE(trusted(before));
  const Credential renewed = issue("UBND-00004");
  EXPECT_EQ(renewed.chain_pem, rotated->certificate_pem);
  EXPECT_TRUE(trusted(sign_as("UBND-00004")));
}

TEST_P(CredentialStoreTest, RevokingTheCaRevokesWhatItIssued) {
  if (!ready()) return;
  const Credential c = ca();
  const Credential agency = issue("UBND-00004");
  const std::string pdf = sign_as("UBND-00004");
  EXPECT_EQ(store_->revoke(c.id, "", "admin").error().field, "reason");
  ASSERT_TRUE(store_->revoke(c.id, "key compromised", "admin"));
  EXPECT_EQ(store_->get(agency.id)->status, "revoked");
  EXPECT_TRUE(store_->trust_anchors_pem()->empty());
  EXPECT_FALSE(trusted(pdf));
  EXPECT_EQ(store_->active_signer("UBND-00004").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->revoke(c.id, "again", "admin").error().code, ErrorCode::kConflict);
  EXPECT_TRUE(store_->create_ca("Sen Root CA 2", 3650, "admin"))
      << "a new CA may be created after revocation";
}

TEST_P(CredentialStoreTest, AnImportedCertificateSignsAndItsRootBecomesAnAnchor) {
  if (!ready()) return;
  const auto external_ca =
      create_root_ca("CA chuyên dùng Chính phủ", "Ban Cơ yếu Chính phủ", 3650, clock_.now());
  ASSERT_TRUE(external_ca);
  const auto leaf =
      issue_signing_certificate(*external_ca, "Sở Tư pháp", "Thành phố Hà Nội", "STP-01", 365, clock_.now());
  ASSERT_TRUE(leaf);
  const std::string p12 = pkcs12_of(*leaf, "secret");
  auto wrong = store_->import_pkcs12("STP-01", p12, "guess", "admin");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().field, "pkcs12");
  auto imported = store_->import_pkcs12("STP-01", p12, "secret", "admin");
  ASSERT_TRUE(imported) << imported.error().message << imported.error().internal;
  EXPECT_EQ(imported->source, "imported");
  EXPECT_EQ(imported->serial, leaf->serial);
  auto anchors = store_->trust_anchors_pem();
  ASSERT_TRUE(anchors);
  ASSERT_EQ(anchors->size(), 1u);
  EXPECT_EQ((*anchors)[0], external_ca->certificate_pem);
  EXPECT_TRUE(trusted(sign_as("STP-01")));
}

TEST_P(CredentialStoreTest, AnExpiredCertificateIsNeitherImportedNorUsed) {
  if (!ready()) return;
  const auto external_ca = create_root_ca("Old CA", "", 3650, clock_.now() - std::chrono::days(30));
  const auto leaf = issue_signing_certificate(*external_ca, "Sở Tư pháp", "", "STP-01", 2,
                                              clock_.now() - std::chrono::days(30));
  auto r = store_->import_pkcs12("STP-01", pkcs12_of(*leaf, "pw"), "pw", "admin");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);

  ca();
  issue("UBND-00004", 1);
  clock_.now_ += std::chrono::days(2);
  auto signer = store_->active_signer("UBND-00004");
  ASSERT_FALSE(signer);
  EXPECT_EQ(signer.error().code, ErrorCode::kConflict);
}

TEST_P(CredentialStoreTest, EveryChangeIsAudited) {
  if (!ready()) return;
  const Credential c = ca();
  issue("UBND-00004");
  ASSERT_TRUE(store_->rotate_ca(3650, "admin"));
  ASSERT_TRUE(store_->revoke(c.id, "retired early", "admin"));
  EXPECT_EQ(audit_actions(),
            (std::vector<std::string>{"pki.ca.create", "pki.agency.issue", "pki.ca.rotate", "pki.revoke"}));
  auto report = audit::verify(db());
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->first_bad_seq);
  auto listed = store_->list();
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->size(), 3u);
}

SEN_INSTANTIATE_FOR_BACKENDS(CredentialStoreTest);

}  // namespace
}  // namespace sen::pki
