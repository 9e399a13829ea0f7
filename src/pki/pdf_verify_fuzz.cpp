// A PDF anyone gives the public verifier (/verify): any bytes give a verdict or an error, and no
// verdict calls a document trusted without a trust anchor.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "pki/pdf_document.hpp"
#include "pki/pdf_signature.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view pdf(reinterpret_cast<const char*>(data), size);
  (void)sen::pki::pdf::Document::open(pdf);
  auto verdict = sen::pki::verify_pdf(pdf, {});
  if (verdict && verdict->trusted) std::abort();
  return 0;
}
