#include "pki/certificate_authority.hpp"

#include <gtest/gtest.h>
#include <openssl/pkcs12.h>
#include <openssl/x509v3.h>

#include "core/clock.hpp"
#include "pki/openssl_support.hpp"

namespace sen::pki {
namespace {

using std::chrono::system_clock;

ossl::CertPtr cert(const std::string& pem) { return ossl::read_certificate(pem).value(); }

bool chains_to(const IssuedCertificate& leaf, const IssuedCertificate& root) {
  ossl::Owned<X509_STORE, X509_STORE_free> store(X509_STORE_new());
  auto anchor = cert(root.certificate_pem);
  X509_STORE_add_cert(store.get(), anchor.get());
  auto subject = cert(leaf.certificate_pem);
  ossl::Owned<X509_STORE_CTX, X509_STORE_CTX_free> ctx(X509_STORE_CTX_new());
  X509_STORE_CTX_init(ctx.get(), store.get(), subject.get(), nullptr);
  return X509_verify_cert(ctx.get()) == 1;
}

std::string make_pkcs12(const IssuedCertificate& c, const char* password, int nid_cipher) {
  auto x = cert(c.certificate_pem);
  auto key = ossl::read_private_key(c.private_key_pem).value();
  auto chain = ossl::read_certificates(c.chain_pem).value();
  ossl::CertStackPtr ca(sk_X509_new_null());
  for (auto& item : chain) sk_X509_push(ca.get(), item.release());
  ossl::Owned<PKCS12, PKCS12_free> p12(
      PKCS12_create(password, "agency", key.get(), x.get(), ca.get(), nid_cipher, nid_cipher, 0, 0, 0));
  EXPECT_TRUE(p12);
  unsigned char* der = nullptr;
  const int length = i2d_PKCS12(p12.get(), &der);
  std::string out(reinterpret_cast<char*>(der), length);
  OPENSSL_free(der);
  return out;
}

class CertificateAuthorityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = create_root_ca("Sen Root CA", "Sen", 3650, now_);
    ASSERT_TRUE(r) << r.error().internal;
    ca_ = *r;
  }
  system_clock::time_point now_ = system_clock::now();
  IssuedCertificate ca_;
};

TEST_F(CertificateAuthorityTest, TheRootIsASelfSignedCa) {
  auto x = cert(ca_.certificate_pem);
  EXPECT_EQ(ca_.subject, "CN=Sen Root CA, O=Sen, C=VN");
  EXPECT_EQ(X509_check_ca(x.get()), 1);
  EXPECT_TRUE(X509_get_key_usage(x.get()) & KU_KEY_CERT_SIGN);
  EXPECT_TRUE(X509_get_key_usage(x.get()) & KU_CRL_SIGN);
  EXPECT_TRUE(ca_.chain_pem.empty());
  EXPECT_TRUE(chains_to(ca_, ca_));
  EXPECT_EQ(ca_.serial, ossl::serial_hex(x.get()));
  EXPECT_EQ(ca_.not_after, format_rfc3339(now_ + std::chrono::days(3650), 0));
  EXPECT_EQ(EVP_PKEY_get_base_id(X509_get0_pubkey(x.get())), EVP_PKEY_EC);
}

TEST_F(CertificateAuthorityTest, ASigningCertificateCarriesAVietnameseNameAndChainsToTheCa) {
  auto r = issue_signing_certificate(ca_, "Ủy ban nhân dân Phường Ba Đình", "Thành phố Hà Nội", "G01.001",
                                     365, now_);
  ASSERT_TRUE(r) << r.error().internal;
  EXPECT_EQ(r->subject, "CN=Ủy ban nhân dân Phường Ba Đình, OU=G01.001, O=Thành phố Hà Nội, C=VN");
  EXPECT_EQ(r->chain_pem, ca_.certificate_pem);
  EXPECT_TRUE(chains_to(*r, ca_));
  auto x = cert(r->certificate_pem);
  EXPECT_EQ(X509_check_ca(x.get()), 0);
  EXPECT_EQ(X509_get_key_usage(x.get()), static_cast<uint32_t>(KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION));
  EXPECT_TRUE(X509_get_extended_key_usage(x.get()) & XKU_SMIME);
  EXPECT_NE(X509_get0_subject_key_id(x.get()), nullptr);
  EXPECT_EQ(ASN1_OCTET_STRING_cmp(X509_get0_authority_key_id(x.get()),
                                  X509_get0_subject_key_id(cert(ca_.certificate_pem).get())),
            0);
  auto key = ossl::read_private_key(r->private_key_pem);
  ASSERT_TRUE(key);
  EXPECT_EQ(X509_check_private_key(x.get(), key->get()), 1);
}

TEST_F(CertificateAuthorityTest, ASigningCertificateEndsNoLaterThanItsCa) {
  auto shortlived = create_root_ca("Short CA", "", 10, now_);
  ASSERT_TRUE(shortlived);
  auto r = issue_signing_certificate(*shortlived, "Agency", "", "A1", 365, now_);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->not_after, shortlived->not_after);
}

TEST_F(CertificateAuthorityTest, BadInputIsRefusedAsInvalid) {
  auto days = create_root_ca("X", "", 0, now_);
  ASSERT_FALSE(days);
  EXPECT_EQ(days.error().field, "validity_days");
  auto empty = create_root_ca("", "", 10, now_);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().field, "common_name");
  auto long_name = issue_signing_certificate(ca_, std::string(65, 'a'), "", "A1", 10, now_);
  ASSERT_FALSE(long_name);
  EXPECT_EQ(long_name.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(long_name.error().field, "common_name");
  auto bad_utf8 = issue_signing_certificate(ca_, "\xff\xfe", "", "A1", 10, now_);
  ASSERT_FALSE(bad_utf8);
  EXPECT_EQ(bad_utf8.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(CertificateAuthorityTest, APkcs12FileOpensWithItsPassword) {
  auto leaf = issue_signing_certificate(ca_, "Sở Tư pháp", "Thành phố Hà Nội", "G01.002", 365, now_).value();
  // AES (OpenSSL 3's default) and 3DES (what older tools and tokens export).
  for (int cipher : {0, NID_pbe_WithSHA1And3_Key_TripleDES_CBC}) {
    auto r = read_pkcs12(make_pkcs12(leaf, "mật khẩu", cipher), "mật khẩu");
    ASSERT_TRUE(r) << r.error().message << " " << r.error().internal;
    EXPECT_EQ(r->certificate_pem, leaf.certificate_pem);
    EXPECT_EQ(r->chain_pem, ca_.certificate_pem);
    EXPECT_EQ(r->subject, leaf.subject);
    EXPECT_EQ(r->serial, leaf.serial);
    EXPECT_EQ(r->not_after, leaf.not_after);
    auto key = ossl::read_private_key(r->private_key_pem);
    ASSERT_TRUE(key);
    EXPECT_EQ(X509_check_private_key(cert(leaf.certificate_pem).get(), key->get()), 1);
  }
}

TEST_F(CertificateAuthorityTest, AWrongPasswordOrAnotherFileIsInvalid) {
  auto leaf = issue_signing_certificate(ca_, "Agency", "", "A1", 365, now_).value();
  for (const auto& [bytes, password] : {std::pair{make_pkcs12(leaf, "right", 0), "wrong"},
                                        std::pair{std::string("not a pkcs12 file"), "right"}}) {
    auto r = read_pkcs12(bytes, password);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().message, "wrong password or not a PKCS#12 file");
    EXPECT_EQ(r.error().field, "pkcs12");
  }
}

}  // namespace
}  // namespace sen::pki
