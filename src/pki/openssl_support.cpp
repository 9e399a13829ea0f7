#include "pki/openssl_support.hpp"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <cctype>
#include <ctime>

namespace sen::pki::ossl {
namespace {

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Drains OpenSSL's thread-local error queue into one line for Error::internal.
std::string drain_errors() {
  std::string out;
  while (const unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out;
}

std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

}  // namespace

void free_certificates(STACK_OF(X509) * certs) { sk_X509_pop_free(certs, X509_free); }

BioPtr memory_bio(std::string_view bytes) {
  return BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

tl::unexpected<Error> failure(std::string_view what) {
  std::string detail(what);
  if (auto errors = drain_errors(); !errors.empty()) detail += ": " + errors;
  return fail_internal(std::move(detail));
}

Result<CertPtr> read_certificate(std::string_view pem) {
  auto bio = memory_bio(pem);
  CertPtr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) return failure("reading a PEM certificate");
  return cert;
}

Result<std::vector<CertPtr>> read_certificates(std::string_view pem) {
  std::vector<CertPtr> out;
  if (pem.find("-----BEGIN") == std::string_view::npos) return out;
  auto bio = memory_bio(pem);
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) out.emplace_back(cert);
  // The loop ends on "no start line" after the last certificate; anything else is damage.
  const unsigned long last = ERR_peek_last_error();
  if (ERR_GET_REASON(last) == PEM_R_NO_START_LINE) {
    ERR_clear_error();
  } else if (last != 0) {
    return failure("reading a PEM certificate bundle");
  }
  return out;
}

Result<KeyPtr> read_private_key(std::string_view pem) {
  auto bio = memory_bio(pem);
  KeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key) return failure("reading a PEM private key");
  return key;
}

std::string certificate_pem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert);
  return bio_text(bio.get());
}

std::string private_key_pem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  return bio_text(bio.get());
}

std::string readable_name(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  constexpr unsigned long kFlags =
      (ASN1_STRFLGS_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) | XN_FLAG_SEP_CPLUS_SPC | XN_FLAG_DN_REV | XN_FLAG_FN_SN;
  X509_NAME_print_ex(bio.get(), name, 0, kFlags);
  return bio_text(bio.get());
}

std::string name_entry(const X509_NAME* name, int nid) {
  const int index = X509_NAME_get_index_by_NID(name, nid, -1);
  if (index < 0) return {};
  unsigned char* utf8 = nullptr;
  const int length = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index)));
  if (length < 0) return {};
  std::string out(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(length));
  OPENSSL_free(utf8);
  return out;
}

std::string serial_hex(const X509* cert) {
  Owned<BIGNUM, BN_free> bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr));
  if (!bn) return {};
  char* hex = BN_bn2hex(bn.get());
  std::string out = lower(hex);
  OPENSSL_free(hex);
  return out;
}

std::string fingerprint_sha256(const X509* cert) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (X509_digest(cert, EVP_sha256(), digest, &length) != 1) return {};
  return to_hex(std::string_view(reinterpret_cast<char*>(digest), length));
}

std::chrono::system_clock::time_point to_time_point(const ASN1_TIME* t) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(t, &tm) != 1) return {};
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

}  // namespace sen::pki::ossl
