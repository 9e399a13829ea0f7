#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

// Internal to the pki module: owning handles and conversions around OpenSSL's C API.
namespace sen::pki::ossl {

template <auto Free>
struct Deleter {
  template <class T>
  void operator()(T* p) const {
    Free(p);
  }
};
template <class T, auto Free>
using Owned = std::unique_ptr<T, Deleter<Free>>;

using CertPtr = Owned<X509, X509_free>;
using KeyPtr = Owned<EVP_PKEY, EVP_PKEY_free>;
using BioPtr = Owned<BIO, BIO_free_all>;
void free_certificates(STACK_OF(X509) * certs);
using CertStackPtr = Owned<STACK_OF(X509), free_certificates>;

// A read-only BIO over `bytes`, which must outlive it.
BioPtr memory_bio(std::string_view bytes);

// kInternal with `what` and the drained OpenSSL errors as the internal detail.
tl::unexpected<Error> failure(std::string_view what);

Result<CertPtr> read_certificate(std::string_view pem);
// Every certificate in a PEM bundle, in order; empty text gives an empty list.
Result<std::vector<CertPtr>> read_certificates(std::string_view pem);
Result<KeyPtr> read_private_key(std::string_view pem);
std::string certificate_pem(X509* cert);
std::string private_key_pem(EVP_PKEY* key);  // unencrypted PKCS#8: it is sealed before it is stored

// "CN=..., OU=..., O=..., C=VN" with UTF-8 kept readable (no \XX escapes).
std::string readable_name(const X509_NAME* name);
std::string name_entry(const X509_NAME* name, int nid);  // first entry of that type, UTF-8; empty if none
std::string serial_hex(const X509* cert);                // lower-case hex of whole bytes
std::string fingerprint_sha256(const X509* cert);        // lower-case hex of the DER
std::chrono::system_clock::time_point to_time_point(const ASN1_TIME* t);

}  // namespace sen::pki::ossl
