import type { Language } from "./language";

// Every user-visible UI string lives here. Place names come from the data and stay Vietnamese.

const numberFormats: Record<Language, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat("vi-VN"),
  en: new Intl.NumberFormat("en-US"),
};

const fmtVi = (n: number): string => numberFormats.vi.format(n);
const fmtEn = (n: number): string => numberFormats.en.format(n);
const plural = (n: number, one: string, many: string): string =>
  `${fmtEn(n)} ${n === 1 ? one : many}`;

const vi = {
  productName: "Sen",
  tagline: "Nền tảng chính quyền số",
  skipToContent: "Bỏ qua, đến nội dung chính",
  mainNavLabel: "Điều hướng chính",
  navPlaces: "Địa bàn hành chính",
  languageLabel: "Ngôn ngữ",
  pageTitle: (page: string): string => `${page} – Sen`,

  placesHeading: "Địa bàn hành chính",
  placesIntro:
    "34 tỉnh, thành phố và 3.321 xã, phường, đặc khu theo mô hình chính quyền địa phương hai cấp, từ ngày 1/7/2025.",
  provincesHeading: "Tỉnh, thành phố",
  provincesCount: (n: number): string => `${fmtVi(n)} tỉnh, thành phố`,

  searchLabel: "Tìm xã, phường, tỉnh, thành phố",
  searchHint: "Có thể gõ không dấu, ví dụ: da nang.",
  searchButton: "Tìm",
  searchResultsHeading: (q: string): string => `Kết quả tìm kiếm “${q}”`,
  searchCount: (n: number): string =>
    n === 0 ? "Không tìm thấy kết quả nào" : `Tìm thấy ${fmtVi(n)} kết quả`,
  searchNoResults: "Không có địa bàn nào khớp. Hãy thử tên ngắn hơn hoặc kiểm tra chính tả.",

  communesHeading: "Xã, phường, đặc khu",
  communesCount: (shown: number, total: number): string =>
    shown >= total
      ? `${fmtVi(total)} xã, phường, đặc khu`
      : `Đang hiển thị ${fmtVi(shown)} trên ${fmtVi(total)} xã, phường, đặc khu`,
  communesFilterLabel: "Lọc theo tên xã, phường",
  communesNone: "Không có xã, phường nào khớp.",
  backToProvinces: "Tất cả tỉnh, thành phố",
  breadcrumbLabel: "Vị trí trang",

  codeValue: (code: string): string => `Mã ${code}`,
  inProvince: "Thuộc",
  type_quoc_gia: "Quốc gia",
  type_thanh_pho_truc_thuoc_trung_uong: "Thành phố trực thuộc trung ương",
  type_tinh: "Tỉnh",
  type_xa: "Xã",
  type_phuong: "Phường",
  type_dac_khu: "Đặc khu",

  loadMore: "Xem thêm",
  loading: "Đang tải…",
  retry: "Thử lại",
  errorGeneric: "Không tải được dữ liệu. Vui lòng thử lại.",
  errorNotFoundPlace: (code: string): string => `Không có địa bàn mang mã “${code}”.`,
  notFoundHeading: "Không tìm thấy trang",
  notFoundBody: "Địa chỉ này không tồn tại.",
  goHome: "Về trang chủ",

  footerData:
    "Dữ liệu địa bàn hành chính: dvhcvn/20250701 (giấy phép MIT). Mã đơn vị chính thức theo Cục Thống kê, Công văn 1027/CTK-CSCL.",
  footerSourceLink: "Mã nguồn dữ liệu",
};

export type Messages = typeof vi;

const en: Messages = {
  productName: "Sen",
  tagline: "Digital government platform",
  skipToContent: "Skip to main content",
  mainNavLabel: "Main navigation",
  navPlaces: "Administrative units",
  languageLabel: "Language",
  pageTitle: (page) => `${page} – Sen`,

  placesHeading: "Administrative units",
  placesIntro:
    "34 provinces and centrally-run cities and 3,321 communes, wards and special zones under the two-tier local government in force since 1 July 2025.",
  provincesHeading: "Provinces and cities",
  provincesCount: (n) => plural(n, "province or city", "provinces and cities"),

  searchLabel: "Search communes, wards, provinces and cities",
  searchHint: "Vietnamese diacritics are optional, e.g. da nang.",
  searchButton: "Search",
  searchResultsHeading: (q) => `Search results for “${q}”`,
  searchCount: (n) => (n === 0 ? "No results found" : `${plural(n, "result", "results")} found`),
  searchNoResults: "No administrative unit matches. Try a shorter name or check the spelling.",

  communesHeading: "Communes, wards and special zones",
  communesCount: (shown, total) =>
    shown >= total
      ? plural(total, "commune-level unit", "commune-level units")
      : `Showing ${fmtEn(shown)} of ${plural(total, "commune-level unit", "commune-level units")}`,
  communesFilterLabel: "Filter communes and wards by name",
  communesNone: "No commune or ward matches.",
  backToProvinces: "All provinces and cities",
  breadcrumbLabel: "Breadcrumb",

  codeValue: (code) => `Code ${code}`,
  inProvince: "In",
  type_quoc_gia: "Country",
  type_thanh_pho_truc_thuoc_trung_uong: "Centrally-run city",
  type_tinh: "Province",
  type_xa: "Commune",
  type_phuong: "Ward",
  type_dac_khu: "Special zone",

  loadMore: "Load more",
  loading: "Loading…",
  retry: "Try again",
  errorGeneric: "Could not load the data. Please try again.",
  errorNotFoundPlace: (code) => `There is no administrative unit with code “${code}”.`,
  notFoundHeading: "Page not found",
  notFoundBody: "This address does not exist.",
  goHome: "Go to the home page",

  footerData:
    "Administrative unit data: dvhcvn/20250701 (MIT licence). Official unit codes from the National Statistics Office (Cục Thống kê), Official Letter 1027/CTK-CSCL.",
  footerSourceLink: "Data source",
};

export const MESSAGES: Record<Language, Messages> = { vi, en };
