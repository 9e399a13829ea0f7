#include <span>

#include "core/embedded_file.hpp"
#include "http/api.hpp"

namespace sen::http::embedded {
extern const std::span<const sen::EmbeddedFile> kEmbedded;
}

namespace sen::http {

std::string_view openapi_document() { return embedded::kEmbedded.front().data; }

}  // namespace sen::http
