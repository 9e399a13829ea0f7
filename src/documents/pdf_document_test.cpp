#include "documents/pdf_document.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "documents/qr_code.hpp"

namespace sen::documents {
namespace {

namespace fs = std::filesystem;

fs::path font_dir() { return fs::path(SEN_SOURCE_DIR) / "packs/vn/fonts"; }

std::shared_ptr<PdfRenderer> renderer() {
  static auto r = PdfRenderer::create(font_dir());
  EXPECT_TRUE(r) << r.error().message;
  return r ? *r : nullptr;
}

bool have(const char* tool) {
  return std::system((std::string("command -v ") + tool + " >/dev/null").c_str()) == 0;
}

std::string run(const std::string& command) {
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    std::array<char, 4096> buffer;
    while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
    pclose(pipe);
  }
  return out;
}

fs::path write_temp(const std::string& name, const std::string& bytes) {
  const fs::path path = fs::path(testing::TempDir()) / ("sen-documents-" + name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

int page_count(const std::string& pdf) {
  auto count = [&](std::string_view needle) {
    int n = 0;
    for (auto at = pdf.find(needle); at != std::string::npos; at = pdf.find(needle, at + 1)) ++n;
    return n;
  };
  return count("/Type /Page") - count("/Type /Pages");
}

DocumentSpec birth_registration_receipt() {
  DocumentSpec spec;
  spec.issuer = "ỦY BAN NHÂN DÂN\nPHƯỜNG BA ĐÌNH";
  spec.number = "Số: UBND-00004-261126-0001";
  spec.place_date = "Hà Nội, ngày 26 tháng 11 năm 2026";
  spec.title = "GIẤY TIẾP NHẬN HỒ SƠ";
  spec.subtitle = "Mã hồ sơ: UBND-00004-261126-0001";
  spec.sections.push_back(Section{
      .heading = "Thông tin hồ sơ",
      .fields = {{"Người nộp", "Nguyễn Thị Ánh Tuyết"},
                 {"Thủ tục", "Đăng ký khai sinh"},
                 {"Nơi tiếp nhận", "Phường Ba Đình, Hà Nội"}},
      .paragraphs = {"Quét mã QR ở góc trên bên trái để tra cứu tình trạng hồ sơ."},
      .table = Table{{"STT", "Giấy tờ"}, {{"1", "Tờ khai đăng ký khai sinh"}, {"2", "Giấy chứng sinh"}}}});
  spec.signer_title = "NGƯỜI TIẾP NHẬN";
  spec.signer_name = "Trần Văn Bình";
  spec.signed_note = "(Đã ký số)";
  spec.qr_payload = "https://sen.example.gov.vn/tra-cuu/UBND-00004-261126-0001";
  spec.qr_caption = "sen.example.gov.vn/tra-cuu";
  spec.footer = "Giấy tiếp nhận điện tử do hệ thống Sen cấp";
  spec.meta_title = "Giấy tiếp nhận hồ sơ UBND-00004-261126-0001";
  spec.meta_author = "UBND Phường Ba Đình";
  spec.meta_keywords = "dossier=UBND-00004-261126-0001";
  return spec;
}

TEST(PdfRenderer, RendersAPdf) {
  auto r = renderer();
  ASSERT_TRUE(r);
  auto pdf = r->render(birth_registration_receipt());
  ASSERT_TRUE(pdf) << pdf.error().message << pdf.error().internal;
  EXPECT_TRUE(pdf->starts_with("%PDF-"));
  EXPECT_EQ(page_count(*pdf), 1);
}

TEST(PdfRenderer, VietnameseTextComesBackExactlyAndPrecomposed) {
  if (!have("pdftotext")) GTEST_SKIP() << "pdftotext not installed";
  auto spec = birth_registration_receipt();
  // Typed with combining marks (NFD), as some keyboards and macOS file names produce.
  spec.sections[0].fields[0].value = "Nguye\u0302\u0303n Thi\u0323 A\u0301nh Tuye\u0302\u0301t";
  auto pdf = renderer()->render(spec);
  ASSERT_TRUE(pdf);
  const auto text = run("pdftotext -enc UTF-8 '" + write_temp("vi.pdf", *pdf).string() + "' -");
  for (const char* expected : {"Nguyễn Thị Ánh Tuyết", "Đăng ký khai sinh", "Phường Ba Đình, Hà Nội",
                               "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                               "ỦY BAN NHÂN DÂN", "Hà Nội, ngày 26 tháng 11 năm 2026", "GIẤY TIẾP NHẬN HỒ SƠ",
                               "(Đã ký số)", "Trần Văn Bình", "Giấy tiếp nhận điện tử do hệ thống Sen cấp"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  EXPECT_EQ(text.find("\u0302"), std::string::npos) << "combining circumflex left in the text";
}

TEST(PdfRenderer, EmbedsOnlyTheBundledFont) {
  if (!have("pdffonts")) GTEST_SKIP() << "pdffonts not installed";
  auto pdf = renderer()->render(birth_registration_receipt());
  ASSERT_TRUE(pdf);
  std::istringstream fonts(run("pdffonts '" + write_temp("fonts.pdf", *pdf).string() + "'"));
  std::string line;
  int listed = 0;
  while (std::getline(fonts, line)) {
    if (line.starts_with("name") || line.starts_with("---")) continue;
    ++listed;
    EXPECT_NE(line.find("+BeVietnamPro-"), std::string::npos) << line;  // a subset of the bundled font
    EXPECT_NE(line.find(" yes "), std::string::npos) << "not embedded: " << line;
  }
  EXPECT_GE(listed, 2);  // regular and bold at least
}

TEST(PdfRenderer, CarriesTheMetadata) {
  auto pdf = renderer()->render(birth_registration_receipt());
  ASSERT_TRUE(pdf);
  if (!have("pdfinfo")) GTEST_SKIP() << "pdfinfo not installed";
  const auto info = run("pdfinfo '" + write_temp("info.pdf", *pdf).string() + "'");
  EXPECT_NE(info.find("Giấy tiếp nhận hồ sơ UBND-00004-261126-0001"), std::string::npos) << info;
  EXPECT_NE(info.find("dossier=UBND-00004-261126-0001"), std::string::npos) << info;
  EXPECT_NE(info.find("UBND Phường Ba Đình"), std::string::npos) << info;
  EXPECT_NE(info.find("A4"), std::string::npos) << info;
}

// The finder pattern of the QR code sits in the top-left corner of page 1: dark outer ring, light
// ring, dark centre, read from a 144 dpi greyscale rendering.
TEST(PdfRenderer, DrawsTheQrCodeTopLeft) {
  if (!have("pdftoppm")) GTEST_SKIP() << "pdftoppm not installed";
  auto pdf = renderer()->render(birth_registration_receipt());
  ASSERT_TRUE(pdf);
  const auto pgm = run("pdftoppm -gray -r 144 -f 1 -l 1 '" + write_temp("qr.pdf", *pdf).string() + "'");
  std::istringstream in(pgm);
  std::string magic;
  int width = 0, height = 0, max = 0;
  in >> magic >> width >> height >> max;
  in.get();
  ASSERT_EQ(magic, "P5");
  std::string pixels(static_cast<std::size_t>(width) * height, '\0');
  in.read(pixels.data(), static_cast<std::streamsize>(pixels.size()));
  auto dark_at_mm = [&](double x, double y) {
    const int px = static_cast<int>(x / 25.4 * 144), py = static_cast<int>(y / 25.4 * 144);
    return static_cast<unsigned char>(pixels[static_cast<std::size_t>(py) * width + px]) < 128;
  };
  // QR: 22 mm square at (20 mm, 18 mm).
  auto matrix = qr_matrix(birth_registration_receipt().qr_payload);
  ASSERT_TRUE(matrix);
  const double module = 22.0 / matrix->size;
  auto at = [&](double modules) { return modules * module; };
  EXPECT_TRUE(dark_at_mm(20 + at(0.5), 18 + at(0.5)));
  EXPECT_FALSE(dark_at_mm(20 + at(1.5), 18 + at(1.5)));
  EXPECT_TRUE(dark_at_mm(20 + at(3.5), 18 + at(3.5)));
  EXPECT_FALSE(dark_at_mm(19, 17));  // margin stays white
}

TEST(PdfRenderer, AddsPagesForLongDocuments) {
  auto spec = birth_registration_receipt();
  const auto section = spec.sections[0];
  for (int i = 0; i < 30; ++i) spec.sections.push_back(section);
  spec.sections.push_back(Section{.heading = "Ghi chú", .fields = {{"Nội dung", std::string(6000, 'a')}}});
  auto pdf = renderer()->render(spec);
  ASSERT_TRUE(pdf);
  EXPECT_GE(page_count(*pdf), 4);
  if (have("pdftotext")) {
    const auto text = run("pdftotext -enc UTF-8 '" + write_temp("long.pdf", *pdf).string() + "' -");
    EXPECT_NE(text.find("Trang 2/"), std::string::npos);
    EXPECT_NE(text.find("Trần Văn Bình"), std::string::npos);  // the signature made it to the last page
  }
}

TEST(PdfRenderer, RendersFromManyThreadsAtOnce) {
  auto r = renderer();
  ASSERT_TRUE(r);
  const auto spec = birth_registration_receipt();
  std::vector<Result<std::string>> results(4, fail(ErrorCode::kInternal, "not run"));
  std::vector<std::thread> threads;
  for (auto& result : results) {
    threads.emplace_back([&] { result = r->render(spec); });
  }
  for (auto& t : threads) t.join();
  for (const auto& result : results) {
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_TRUE(result->starts_with("%PDF-"));
    EXPECT_EQ(result->size(), results[0]->size());  // only the creation time may differ
  }
}

TEST(PdfRenderer, RejectsTextThatIsNotUtf8) {
  auto spec = birth_registration_receipt();
  spec.sections[0].fields[1].value = "Đăng ký \xff";
  auto pdf = renderer()->render(spec);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(pdf.error().field, "sections[0].fields[1].value");
}

TEST(PdfRenderer, RejectsAnOversizedQrPayload) {
  auto spec = birth_registration_receipt();
  spec.qr_payload = std::string(5000, 'x');
  auto pdf = renderer()->render(spec);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().field, "qr_payload");
}

TEST(PdfRenderer, NeedsAFontDirectoryWithFonts) {
  auto missing = PdfRenderer::create("/nonexistent/fonts");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(missing.error().message.find("/nonexistent/fonts"), std::string::npos);

  const fs::path empty = fs::path(testing::TempDir()) / "sen-documents-no-fonts";
  fs::create_directories(empty);
  std::ofstream(empty / "README.txt") << "not a font";
  std::ofstream(empty / "broken.ttf") << "not a font either";
  auto none = PdfRenderer::create(empty);
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find(empty.string()), std::string::npos);
}

}  // namespace
}  // namespace sen::documents
