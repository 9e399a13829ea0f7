#include "pki/pdf_signature.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/clock.hpp"
#include "pki/certificate_authority.hpp"

namespace sen::pki {
namespace {

namespace fs = std::filesystem;
using std::chrono::system_clock;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& path, std::string_view data) {
  std::ofstream(path, std::ios::binary) << data;
}

// A hand-written PDF unlike cairo's: a nested page tree and /Annots behind a reference.
std::string hand_made_pdf() {
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Pages /Parent 2 0 R /Kids [4 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 3 0 R /MediaBox [0 0 200 200] /Annots 5 0 R /Contents 6 0 R >>",
      "[]",
      "<< /Length 0 >>\nstream\n\nendstream"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f\r\n";
  for (std::size_t o : offsets) {
    char line[21];
    std::snprintf(line, sizeof line, "%010zu 00000 n\r\n", o);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

class PdfSignatureTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto now = system_clock::now();
    ca_ = new IssuedCertificate(create_root_ca("Sen Test Root CA", "Sen", 3650, now).value());
    signer_ = new IssuedCertificate(issue_signing_certificate(*ca_, "Ủy ban nhân dân Phường Ba Đình",
                                                              "Thành phố Hà Nội", "G01.001", 365, now)
                                        .value());
    other_ca_ = new IssuedCertificate(create_root_ca("Someone Else", "", 3650, now).value());
  }
  static void TearDownTestSuite() {
    delete ca_;
    delete signer_;
    delete other_ca_;
  }

  void SetUp() override {
    original_ = read_file(fs::path(SEN_SOURCE_DIR) / "src/pki/testdata/cairo_sample.pdf");
    ASSERT_FALSE(original_.empty());
    signing_time_ = std::chrono::floor<std::chrono::seconds>(system_clock::now());
  }

  static SigningKey key() { return {signer_->certificate_pem, signer_->private_key_pem, signer_->chain_pem}; }

  std::string sign(std::string_view pdf) {
    auto r = sign_pdf(pdf, key(),
                      SignatureFields{"Nguyễn Văn A", "Kết quả giải quyết thủ tục hành chính", "Hà Nội",
                                      "mot-cua@badinh.hanoi.gov.vn"},
                      signing_time_);
    EXPECT_TRUE(r) << r.error().message << " " << r.error().internal;
    return r.value_or("");
  }

  PdfVerification verify(std::string_view pdf, std::vector<std::string> anchors = {}) {
    if (anchors.empty()) anchors = {ca_->certificate_pem};
    auto r = verify_pdf(pdf, anchors);
    EXPECT_TRUE(r) << r.error().message;
    return r.value_or(PdfVerification{});
  }

  static IssuedCertificate* ca_;
  static IssuedCertificate* signer_;
  static IssuedCertificate* other_ca_;
  std::string original_;
  system_clock::time_point signing_time_;
};

IssuedCertificate* PdfSignatureTest::ca_ = nullptr;
IssuedCertificate* PdfSignatureTest::signer_ = nullptr;
IssuedCertificate* PdfSignatureTest::other_ca_ = nullptr;

std::size_t signed_offset(const std::string& pdf, std::string_view marker) {
  const std::size_t at = pdf.find(marker);
  EXPECT_NE(at, std::string::npos);
  return at;
}

TEST_F(PdfSignatureTest, ASignedCairoPdfVerifiesAndNamesItsSigner) {
  const std::string pdf = sign(original_);
  EXPECT_EQ(pdf.compare(0, original_.size(), original_), 0)
      << "an incremental update keeps the original bytes";
  const auto v = verify(pdf);
  EXPECT_TRUE(v.has_signature);
  EXPECT_TRUE(v.intact);
  EXPECT_TRUE(v.covers_whole_file);
  EXPECT_TRUE(v.trusted);
  EXPECT_EQ(v.signer_subject, "CN=Ủy ban nhân dân Phường Ba Đình, OU=G01.001, O=Thành phố Hà Nội, C=VN");
  EXPECT_EQ(v.signer_common_name, "Ủy ban nhân dân Phường Ba Đình");
  EXPECT_EQ(v.signer_organization, "Thành phố Hà Nội");
  EXPECT_EQ(v.signer_serial, signer_->serial);
  EXPECT_EQ(v.certificate_sha256.size(), 64u);
  EXPECT_EQ(v.signing_time, format_rfc3339(signing_time_));
  EXPECT_EQ(v.reason, "Kết quả giải quyết thủ tục hành chính");
  EXPECT_EQ(v.name, "Nguyễn Văn A");
}

TEST_F(PdfSignatureTest, AChangedByteBreaksTheSignature) {
  std::string pdf = sign(original_);
  pdf[signed_offset(pdf, "/MediaBox [ 0 0 595") + 16] = '6';
  const auto v = verify(pdf);
  EXPECT_TRUE(v.has_signature);
  EXPECT_FALSE(v.intact);
  EXPECT_TRUE(v.covers_whole_file);
}

TEST_F(PdfSignatureTest, BytesAppendedAfterSigningAreReported) {
  const std::string pdf = sign(original_) + "1 0 obj\n<< >>\nendobj\n";
  const auto v = verify(pdf);
  EXPECT_TRUE(v.intact);
  EXPECT_FALSE(v.covers_whole_file);
}

TEST_F(PdfSignatureTest, AnotherTrustAnchorIsNotTrusted) {
  const std::string pdf = sign(original_);
  const auto v = verify(pdf, {other_ca_->certificate_pem});
  EXPECT_TRUE(v.intact);
  EXPECT_FALSE(v.trusted);
  auto none = verify_pdf(pdf, {});
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->trusted);
}

TEST_F(PdfSignatureTest, ASigningTimeOutsideTheCertificateIsNotTrusted) {
  signing_time_ += std::chrono::days(400);  // the certificate is valid for 365 days
  const auto v = verify(sign(original_));
  EXPECT_TRUE(v.intact);
  EXPECT_FALSE(v.trusted);
}

TEST_F(PdfSignatureTest, ASecondSignatureIsAddedAndVerifiedAsTheNewest) {
  const std::string once = sign(original_);
  signing_time_ += std::chrono::minutes(5);
  const std::string twice = sign(once);
  EXPECT_EQ(twice.compare(0, once.size(), once), 0);
  const auto v = verify(twice);
  EXPECT_TRUE(v.intact);
  EXPECT_TRUE(v.covers_whole_file);
  EXPECT_EQ(v.signing_time, format_rfc3339(signing_time_));
  EXPECT_FALSE(verify(once + "\n").covers_whole_file);
}

TEST_F(PdfSignatureTest, AHandWrittenPdfWithANestedPageTreeSigns) {
  const auto v = verify(sign(hand_made_pdf()));
  EXPECT_TRUE(v.intact);
  EXPECT_TRUE(v.covers_whole_file);
  EXPECT_TRUE(v.trusted);
}

TEST_F(PdfSignatureTest, AnUnsignedPdfHasNoSignature) {
  const auto v = verify(original_);
  EXPECT_FALSE(v.has_signature);
  EXPECT_FALSE(v.intact);
}

TEST_F(PdfSignatureTest, TextThatIsNotAPdfIsRefused) {
  auto v = verify_pdf("hello", {ca_->certificate_pem});
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, ErrorCode::kInvalidArgument);
  auto s = sign_pdf("hello", key(), {}, signing_time_);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(PdfSignatureTest, GarbageNeverCrashes) {
  for (std::string junk :
       {std::string("%PDF-1.4\n/ByteRange [0 5 9 1] <00>"), std::string("%PDF-1.7\nstartxref\n99999"),
        std::string("%PDF-1.7\n/ByteRange [0 9 11 0] << /ByteRange [0 9 11 0]\nstartxref\n2"),
        original_.substr(0, original_.size() / 2)}) {
    auto v = verify_pdf(junk, {ca_->certificate_pem});
    ASSERT_TRUE(v);
    EXPECT_FALSE(v->intact);
    auto s = sign_pdf(junk, key(), {}, signing_time_);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument) << s.error().message;
  }
}

TEST_F(PdfSignatureTest, ACrossReferenceStreamIsRefusedWithAClearMessage) {
  const std::string pdf =
      "%PDF-1.5\n1 0 obj\n<< /Type /XRef /Size 2 /W [1 1 1] /Root 1 0 R /Length 0 >>\nstream\n\nendstream\n"
      "endobj\nstartxref\n9\n%%EOF\n";
  auto s = sign_pdf(pdf, key(), {}, signing_time_);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(s.error().message.find("cross-reference stream"), std::string::npos);
}

// The outside check: poppler's pdfsig with NSS, as the PDF readers people use verify signatures.
class PdfsigTest : public PdfSignatureTest {
 protected:
  void SetUp() override {
    PdfSignatureTest::SetUp();
    if (std::system("command -v pdfsig >/dev/null 2>&1 && command -v certutil >/dev/null 2>&1") != 0) {
      GTEST_SKIP() << "pdfsig or certutil is not installed";
    }
    dir_ = fs::temp_directory_path() / ("sen_pdfsig_" + std::to_string(getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    write_file(dir_ / "ca.pem", ca_->certificate_pem);
    ASSERT_EQ(run("certutil -N -d sql:" + dir_.string() + " --empty-password").first, 0);
    ASSERT_EQ(
        run("certutil -A -d sql:" + dir_.string() + " -n sen-ca -t ,C, -i " + (dir_ / "ca.pem").string())
            .first,
        0);
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }

  static std::pair<int, std::string> run(const std::string& command) {
    std::string output;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) return {-1, ""};
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) output.append(buf, n);
    return {pclose(pipe), output};
  }

  // pdfsig exits 0 whatever it finds, so its report is what counts.
  std::string pdfsig(const std::string& pdf) {
    const fs::path file = dir_ / "document.pdf";
    write_file(file, pdf);
    return run("pdfsig -nssdir sql:" + dir_.string() + " " + file.string()).second;
  }

  fs::path dir_;
};

TEST_F(PdfsigTest, PopplerAcceptsTheSignatureAndTheChain) {
  const std::string report = pdfsig(sign(original_));
  EXPECT_NE(report.find("Signature Validation: Signature is Valid."), std::string::npos) << report;
  EXPECT_NE(report.find("Certificate Validation: Certificate is Trusted."), std::string::npos) << report;
  EXPECT_NE(report.find("Total document signed"), std::string::npos) << report;
}

TEST_F(PdfsigTest, PopplerRejectsATamperedFile) {
  std::string pdf = sign(original_);
  pdf[signed_offset(pdf, "/MediaBox [ 0 0 595") + 16] = '6';
  const std::string report = pdfsig(pdf);
  EXPECT_NE(report.find("Signature #1"), std::string::npos) << report;
  EXPECT_EQ(report.find("Signature is Valid."), std::string::npos) << report;
}

TEST_F(PdfsigTest, PopplerAcceptsBothSignaturesOfATwiceSignedFile) {
  const std::string report = pdfsig(sign(sign(original_)));
  EXPECT_NE(report.find("Signature #2"), std::string::npos) << report;
  std::size_t valid = 0;
  for (std::size_t at = report.find("Signature is Valid."); at != std::string::npos;
       at = report.find("Signature is Valid.", at + 1)) {
    ++valid;
  }
  EXPECT_EQ(valid, 2u) << report;
}

}  // namespace
}  // namespace sen::pki
