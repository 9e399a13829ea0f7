#include "core/content_sniff.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sen {
namespace {

using namespace std::string_literals;

TEST(ContentSniff, RecognisesAcceptedTypes) {
  EXPECT_EQ(sniff_content_type("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"), "application/pdf");
  EXPECT_EQ(sniff_content_type("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"s), "image/jpeg");
  EXPECT_EQ(sniff_content_type("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR"s), "image/png");
  // A signature alone is enough: the type says what to expect, not that the file is intact.
  EXPECT_EQ(sniff_content_type("\x89PNG\r\n\x1A\n"), "image/png");
}

TEST(ContentSniff, DisguisedFilesAreUnknown) {
  // What a client might upload as "scan.pdf" with Content-Type: application/pdf.
  EXPECT_EQ(sniff_content_type("<!DOCTYPE html><html><script>alert(1)</script>"), "");
  EXPECT_EQ(sniff_content_type("MZ\x90\x00\x03\x00\x00\x00"s), "");  // Windows executable
  EXPECT_EQ(sniff_content_type("PK\x03\x04\x14\x00\x06\x00"s), "");  // ZIP (also DOCX, JAR)
  EXPECT_EQ(sniff_content_type("\x7F"
                               "ELF\x02\x01\x01"),
            "");
  // The signature must come first, not somewhere inside.
  EXPECT_EQ(sniff_content_type(" %PDF-1.7"), "");
}

TEST(ContentSniff, TruncatedSignaturesAreUnknown) {
  EXPECT_EQ(sniff_content_type("\x89PN"), "");
  EXPECT_EQ(sniff_content_type("\x89PNG\r\n\x1A"), "");
  EXPECT_EQ(sniff_content_type("\xFF\xD8"), "");
  EXPECT_EQ(sniff_content_type("%PDF"), "");
  EXPECT_EQ(sniff_content_type(""), "");
}

}  // namespace
}  // namespace sen
