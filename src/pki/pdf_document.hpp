#pragma once

#include <cstddef>
#include <map>
#include <string_view>

#include "core/status.hpp"
#include "pki/pdf_object.hpp"

// Internal to the pki module: a PDF read through its classic cross-reference tables (newest section
// first, following /Prev), enough to find and rewrite the objects a signature changes.
namespace sen::pki::pdf {

class Document {
 public:
  // kInvalidArgument (field "pdf") for text that is not a PDF, a damaged table, or a file whose newest
  // cross-reference section is a stream (PDF 1.5 compressed objects are not read here).
  static Result<Document> open(std::string_view pdf);

  const Object& trailer() const { return trailer_; }  // the newest trailer
  std::size_t last_xref_offset() const { return last_xref_; }
  // The value of an indirect object, resolved through the table; kInvalidArgument when absent.
  Result<Object> resolve(const Object& ref) const;

 private:
  struct Entry {
    std::size_t offset = 0;
    int gen = 0;
    bool in_use = false;
  };
  Result<Object> read_section(std::size_t offset);  // fills entries_, returns the trailer

  std::string_view text_;
  std::map<int, Entry> entries_;
  Object trailer_;
  std::size_t last_xref_ = 0;
};

// kInvalidArgument with field "pdf".
tl::unexpected<Error> malformed(std::string message);

}  // namespace sen::pki::pdf
