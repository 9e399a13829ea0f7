#include "pki/cms_signature.hpp"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "pki/openssl_support.hpp"

namespace sen::pki::cms {
namespace {

using CmsPtr = ossl::Owned<CMS_ContentInfo, CMS_ContentInfo_free>;
void free_stack_only(STACK_OF(X509) * certs) { sk_X509_free(certs); }
using StackView = ossl::Owned<STACK_OF(X509), free_stack_only>;  // does not own the certificates
using StorePtr = ossl::Owned<X509_STORE, X509_STORE_free>;
using StoreCtxPtr = ossl::Owned<X509_STORE_CTX, X509_STORE_CTX_free>;

std::optional<std::chrono::system_clock::time_point> signing_time_attribute(CMS_SignerInfo* si) {
  const int index = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
  if (index < 0) return std::nullopt;
  const ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(si, index), 0);
  if (value == nullptr || (value->type != V_ASN1_UTCTIME && value->type != V_ASN1_GENERALIZEDTIME)) {
    return std::nullopt;
  }
  return ossl::to_time_point(value->value.asn1_string);
}

bool may_sign(X509* cert) {
  // X509_get_key_usage answers "everything" when the extension is absent, as RFC 5280 reads it.
  return (X509_get_key_usage(cert) & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) != 0;
}

bool chains_to_anchor(X509* signer, STACK_OF(X509) * untrusted, const std::vector<std::string>& anchors,
                      std::chrono::system_clock::time_point at) {
  StorePtr store(X509_STORE_new());
  bool any = false;
  for (const auto& pem : anchors) {
    auto certs = ossl::read_certificates(pem);
    if (!certs) continue;
    for (auto& c : *certs) any = X509_STORE_add_cert(store.get(), c.get()) == 1 || any;
  }
  ERR_clear_error();
  if (!any) return false;
  StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!ctx || X509_STORE_CTX_init(ctx.get(), store.get(), signer, untrusted) != 1) return false;
  X509_STORE_CTX_set_time(ctx.get(), 0, std::chrono::system_clock::to_time_t(at));
  // Anchors are listed explicitly, so an intermediate among them is trusted without its root.
  X509_STORE_CTX_set_flags(ctx.get(), X509_V_FLAG_PARTIAL_CHAIN);
  const bool ok = X509_verify_cert(ctx.get()) == 1;
  ERR_clear_error();
  return ok;
}

}  // namespace

Result<std::string> sign_detached(std::string_view content, std::string_view certificate_pem,
                                  std::string_view private_key_pem, std::string_view chain_pem,
                                  std::chrono::system_clock::time_point signing_time) {
  auto cert = ossl::read_certificate(certificate_pem);
  if (!cert) return tl::unexpected(cert.error());
  auto key = ossl::read_private_key(private_key_pem);
  if (!key) return tl::unexpected(key.error());
  auto chain = ossl::read_certificates(chain_pem);
  if (!chain) return tl::unexpected(chain.error());
  StackView extra(sk_X509_new_null());
  for (const auto& c : *chain) {
    if (X509_cmp(c.get(), cert->get()) != 0) sk_X509_push(extra.get(), c.get());  // CMS refuses duplicates
  }
  constexpr unsigned int kFlags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
  CmsPtr cms(CMS_sign(nullptr, nullptr, extra.get(), nullptr, kFlags));
  if (!cms) return ossl::failure("CMS_sign");
  CMS_SignerInfo* si = CMS_add1_signer(cms.get(), cert->get(), key->get(), EVP_sha256(), kFlags);
  if (si == nullptr) return ossl::failure("CMS_add1_signer");
  // Added before CMS_final so OpenSSL does not stamp the machine's clock instead.
  ossl::Owned<ASN1_TIME, ASN1_TIME_free> when(
      ASN1_TIME_set(nullptr, std::chrono::system_clock::to_time_t(signing_time)));
  if (!when || CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, when->type, when.get(), -1) != 1) {
    return ossl::failure("CMS signingTime");
  }
  auto data = ossl::memory_bio(content);
  if (CMS_final(cms.get(), data.get(), nullptr, kFlags) != 1) return ossl::failure("CMS_final");
  unsigned char* der = nullptr;
  const int length = i2d_CMS_ContentInfo(cms.get(), &der);
  if (length <= 0) return ossl::failure("encoding CMS");
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return out;
}

Verification verify_detached(std::string_view der, std::string_view content,
                             const std::vector<std::string>& trust_anchors_pem,
                             std::optional<std::chrono::system_clock::time_point> claimed_time) {
  Verification v;
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())));
  STACK_OF(CMS_SignerInfo)* infos = cms ? CMS_get0_SignerInfos(cms.get()) : nullptr;
  if (infos == nullptr || sk_CMS_SignerInfo_num(infos) != 1) {
    ERR_clear_error();
    return v;
  }
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);
  CMS_set1_signers_certs(cms.get(), nullptr, 0);
  X509* signer = nullptr;
  CMS_SignerInfo_get0_algs(si, nullptr, &signer, nullptr, nullptr);
  v.signing_time = signing_time_attribute(si);
  if (signer != nullptr) {
    v.subject = ossl::readable_name(X509_get_subject_name(signer));
    v.common_name = ossl::name_entry(X509_get_subject_name(signer), NID_commonName);
    v.organization = ossl::name_entry(X509_get_subject_name(signer), NID_organizationName);
    v.serial = ossl::serial_hex(signer);
    v.certificate_sha256 = ossl::fingerprint_sha256(signer);
    auto data = ossl::memory_bio(content);
    v.intact = CMS_verify(cms.get(), nullptr, nullptr, data.get(), nullptr,
                          CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) == 1;
    ossl::CertStackPtr carried(CMS_get1_certs(cms.get()));
    const auto at = v.signing_time.value_or(claimed_time.value_or(std::chrono::system_clock::now()));
    v.trusted = may_sign(signer) && chains_to_anchor(signer, carried.get(), trust_anchors_pem, at);
  }
  ERR_clear_error();
  return v;
}

}  // namespace sen::pki::cms
