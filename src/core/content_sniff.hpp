#pragma once

#include <string_view>

namespace sen {

// The real type of an uploaded file, from its leading bytes ("magic numbers"), never from its name
// or the client's Content-Type, which an attacker chooses. Only the types the platform accepts are
// recognised:
//   "application/pdf"  starts with "%PDF-"
//   "image/jpeg"       starts with FF D8 FF
//   "image/png"        starts with the 8-byte PNG signature 89 'P' 'N' 'G' CR LF 1A LF
// Anything else, including a file too short to hold its signature, is "" (unknown).
std::string_view sniff_content_type(std::string_view bytes);

}  // namespace sen
