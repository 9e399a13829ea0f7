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

const dateFormats: Record<Language, Intl.DateTimeFormat> = {
  vi: new Intl.DateTimeFormat("vi-VN", {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }),
  en: new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" }),
};

// Server timestamps are RFC 3339; shown in the reader's time zone. An unparsable value is shown as is.
const dateTime = (lang: Language, iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormats[lang].format(date);
};

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

  signInLink: "Đăng nhập",
  accountLinkPrefix: "Tài khoản:",

  errorSummaryTitle: "Có lỗi cần sửa",
  errorPrefix: "Lỗi:",
  errorRequestFailed: "Không gửi được yêu cầu. Vui lòng thử lại.",
  errorTooManyAttempts: (seconds: number): string =>
    `Bạn đã thử quá nhiều lần. Vui lòng thử lại sau ${fmtVi(seconds)} giây.`,
  or: "hoặc",

  signInHeading: "Đăng nhập",
  usernameLabel: "Tên đăng nhập",
  usernameSignInHint: "Công dân đăng nhập bằng số định danh cá nhân (12 chữ số, in trên thẻ căn cước).",
  passwordLabel: "Mật khẩu",
  signInButton: "Đăng nhập",
  signingIn: "Đang đăng nhập…",
  signInWith: (provider: string): string => `Đăng nhập bằng ${provider}`,
  signInWithPassword: "Hoặc đăng nhập bằng mật khẩu",
  errorUsernameMissing: "Nhập tên đăng nhập",
  errorPasswordMissing: "Nhập mật khẩu",
  errorWrongLogin: "Sai tên đăng nhập hoặc mật khẩu",
  noticeRegistered: "Đã tạo tài khoản. Mời bạn đăng nhập.",
  noticeExternalFailed:
    "Không đăng nhập được qua nhà cung cấp định danh. Vui lòng thử lại hoặc đăng nhập bằng mật khẩu.",
  noAccount: "Chưa có tài khoản?",
  signUpLink: "Đăng ký",

  signUpHeading: "Đăng ký tài khoản",
  signUpIntro: "Công dân đăng ký bằng số định danh cá nhân; doanh nghiệp đăng ký bằng mã số doanh nghiệp.",
  kindLegend: "Bạn đăng ký với tư cách",
  kindCitizenOption: "Công dân",
  kindCitizenHint: "Dùng số định danh cá nhân 12 chữ số.",
  kindBusinessOption: "Doanh nghiệp",
  kindBusinessHint: "Người đại diện đăng ký bằng mã số doanh nghiệp.",
  idNumberLabel: "Số định danh cá nhân",
  idNumberHint: "12 chữ số, in trên thẻ căn cước.",
  fullNameLabel: "Họ và tên",
  enterpriseCodeLabel: "Mã số doanh nghiệp",
  enterpriseCodeHint: "10 chữ số; với chi nhánh: 10 chữ số, dấu gạch ngang và 3 chữ số (ví dụ 0101234567-001).",
  usernameNewHint:
    "3 đến 64 ký tự: chữ thường không dấu (a-z), chữ số, dấu chấm, dấu gạch dưới hoặc gạch ngang.",
  representativeLabel: "Họ và tên người đại diện",
  newPasswordHint:
    "10 đến 128 ký tự, không chứa tên đăng nhập hay số định danh. Một câu dễ nhớ là lựa chọn tốt.",
  confirmPasswordLabel: "Nhập lại mật khẩu",
  signUpButton: "Đăng ký",
  signingUp: "Đang đăng ký…",
  haveAccount: "Đã có tài khoản?",
  errorIdNumberMissing: "Nhập số định danh cá nhân",
  errorIdNumberFormat: "Số định danh cá nhân gồm đúng 12 chữ số",
  errorIdNumberInvalid: "Số định danh cá nhân không hợp lệ: 3 chữ số đầu phải là mã tỉnh nơi đăng ký khai sinh",
  errorIdNumberTaken: "Đã có tài khoản với số định danh này. Hãy đăng nhập.",
  errorEnterpriseCodeMissing: "Nhập mã số doanh nghiệp",
  errorEnterpriseCodeFormat:
    "Mã số doanh nghiệp gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số",
  errorUsernameFormat:
    "Tên đăng nhập gồm 3 đến 64 ký tự: chữ thường a-z, chữ số, dấu chấm, dấu gạch dưới hoặc gạch ngang",
  errorUsernameTaken: "Tên đăng nhập này đã có người dùng",
  errorNameMissing: "Nhập họ và tên",
  errorNameTooLong: "Họ và tên quá dài",
  errorPasswordLength: "Mật khẩu cần từ 10 đến 128 ký tự",
  errorPasswordRejected:
    "Không dùng được mật khẩu này: mật khẩu không được chứa tên đăng nhập và không được quá dễ đoán",
  errorConfirmMissing: "Nhập lại mật khẩu",
  errorConfirmMismatch: "Hai mật khẩu không khớp",

  accountHeading: "Tài khoản của bạn",
  profileHeading: "Thông tin tài khoản",
  fieldName: "Họ và tên",
  fieldKind: "Loại tài khoản",
  fieldUsername: "Tên đăng nhập",
  fieldIdNumber: "Số định danh cá nhân",
  fieldEnterpriseCode: "Mã số doanh nghiệp",
  fieldAgencyCode: "Mã cơ quan",
  idNumberMaskedNote: "Để bảo vệ bạn, chỉ hiện 3 chữ số đầu và 3 chữ số cuối.",
  kind_citizen: "Công dân",
  kind_business: "Doanh nghiệp",
  kind_official: "Cán bộ, công chức",
  rolesHeading: "Vai trò",
  rolesNone: "Tài khoản chưa được giao vai trò nào.",
  scopeLabel: "Phạm vi",
  scopeNationwide: "Toàn quốc",
  scopePlace: (code: string): string => `Địa bàn mã ${code}`,
  scopeAgency: (code: string): string => `Cơ quan mã ${code}`,
  role_citizen: "Công dân",
  role_business_representative: "Người đại diện doanh nghiệp",
  role_receiving_officer: "Cán bộ tiếp nhận hồ sơ",
  role_processing_officer: "Cán bộ xử lý hồ sơ",
  role_approving_leader: "Lãnh đạo phê duyệt",
  role_agency_admin: "Quản trị cơ quan",
  role_province_admin: "Quản trị cấp tỉnh",
  role_national_admin: "Quản trị cấp quốc gia",
  role_auditor: "Kiểm tra nhật ký",
  role_analyst: "Phân tích số liệu",

  tokensHeading: "Khóa API",
  tokensIntro:
    "Khóa API cho phép phần mềm của bạn gọi API Sen thay bạn, với đúng quyền của tài khoản này. Hãy giữ bí mật và thu hồi khóa không còn dùng.",
  tokensNone: "Bạn chưa có khóa API nào.",
  tokenCreatedAt: (when: string): string => `Tạo lúc ${when}`,
  tokenExpiresAt: (when: string): string => `Hết hạn ${when}`,
  tokenNameLabel: "Tên khóa mới",
  tokenNameHint: "Để nhận ra khóa về sau, ví dụ: phần mềm kế toán.",
  createToken: "Tạo khóa",
  creatingToken: "Đang tạo…",
  errorTokenNameMissing: "Nhập tên khóa",
  errorTokenNameTooLong: "Tên khóa tối đa 100 ký tự",
  tokenCreated: (name: string): string => `Đã tạo khóa “${name}”.`,
  newTokenHeading: (name: string): string => `Khóa mới “${name}”`,
  newTokenWarning: "Hãy sao chép khóa này ngay. Để bảo vệ bạn, khóa sẽ không được hiển thị lại.",
  newTokenLabel: "Khóa",
  copy: "Sao chép",
  copied: "Đã sao chép khóa.",
  copyFailed: "Không tự sao chép được. Hãy chọn khóa rồi nhấn Ctrl+C.",
  newTokenDone: "Tôi đã lưu khóa",
  revoke: "Thu hồi",
  revokeWhich: (name: string): string => `khóa “${name}”`,
  revokeQuestion: (name: string): string =>
    `Thu hồi khóa “${name}”? Phần mềm đang dùng khóa này sẽ không truy cập được nữa.`,
  revokeConfirm: "Thu hồi khóa",
  revoking: "Đang thu hồi…",
  cancel: "Hủy",
  tokenRevoked: (name: string): string => `Đã thu hồi khóa “${name}”.`,
  signOut: "Đăng xuất",
  signingOut: "Đang đăng xuất…",
  signedOut: "Bạn đã đăng xuất.",
  dateTime: (iso: string): string => dateTime("vi", iso),

  footerData:
    "Dữ liệu địa bàn hành chính: dvhcvn/20250701 (giấy phép MIT). Mã đơn vị chính thức theo Cục Thống kê, Công văn 1027/CTK-CSCL.",
  footerSourceLink: "Mã nguồn dữ liệu",
};

export type Messages = typeof vi;

// Keys of the plain-text messages, for errors decided before the language is (re)applied.
export type TextKey = { [K in keyof Messages]: Messages[K] extends string ? K : never }[keyof Messages];

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

  signInLink: "Sign in",
  accountLinkPrefix: "Account:",

  errorSummaryTitle: "There is a problem",
  errorPrefix: "Error:",
  errorRequestFailed: "The request could not be completed. Please try again.",
  errorTooManyAttempts: (seconds) =>
    `Too many attempts. Please try again in ${plural(seconds, "second", "seconds")}.`,
  or: "or",

  signInHeading: "Sign in",
  usernameLabel: "Username",
  usernameSignInHint:
    "Citizens sign in with their 12-digit personal identification number (printed on the citizen identity card).",
  passwordLabel: "Password",
  signInButton: "Sign in",
  signingIn: "Signing in…",
  signInWith: (provider) => `Sign in with ${provider}`,
  signInWithPassword: "Or sign in with a password",
  errorUsernameMissing: "Enter your username",
  errorPasswordMissing: "Enter your password",
  errorWrongLogin: "Wrong username or password",
  noticeRegistered: "Your account has been created. You can sign in now.",
  noticeExternalFailed:
    "Signing in through the identity provider did not work. Please try again or sign in with your password.",
  noAccount: "No account yet?",
  signUpLink: "Sign up",

  signUpHeading: "Create an account",
  signUpIntro:
    "Citizens sign up with their personal identification number; businesses with their enterprise code.",
  kindLegend: "You are signing up as",
  kindCitizenOption: "A citizen",
  kindCitizenHint: "With your 12-digit personal identification number.",
  kindBusinessOption: "A business",
  kindBusinessHint: "A representative signs up with the enterprise code.",
  idNumberLabel: "Personal identification number",
  idNumberHint: "12 digits, printed on your citizen identity card.",
  fullNameLabel: "Full name",
  enterpriseCodeLabel: "Enterprise code",
  enterpriseCodeHint: "10 digits; for a branch, 10 digits, a hyphen and 3 digits (e.g. 0101234567-001).",
  usernameNewHint: "3 to 64 characters: lower-case letters a-z, digits, full stop, underscore or hyphen.",
  representativeLabel: "Representative's full name",
  newPasswordHint:
    "10 to 128 characters, not containing your username or identification number. A memorable phrase works well.",
  confirmPasswordLabel: "Confirm password",
  signUpButton: "Sign up",
  signingUp: "Signing up…",
  haveAccount: "Already have an account?",
  errorIdNumberMissing: "Enter your identification number",
  errorIdNumberFormat: "An identification number has exactly 12 digits",
  errorIdNumberInvalid:
    "This identification number is not valid: the first 3 digits must be the code of the province of birth registration",
  errorIdNumberTaken: "There is already an account with this identification number. Sign in instead.",
  errorEnterpriseCodeMissing: "Enter the enterprise code",
  errorEnterpriseCodeFormat: "An enterprise code has 10 digits, or 10 digits, a hyphen and 3 digits",
  errorUsernameFormat:
    "A username has 3 to 64 characters: lower-case letters a-z, digits, full stop, underscore or hyphen",
  errorUsernameTaken: "This username is taken",
  errorNameMissing: "Enter the full name",
  errorNameTooLong: "The name is too long",
  errorPasswordLength: "A password needs 10 to 128 characters",
  errorPasswordRejected:
    "This password cannot be used: it must not contain the username and must not be easy to guess",
  errorConfirmMissing: "Enter the password again",
  errorConfirmMismatch: "The passwords do not match",

  accountHeading: "Your account",
  profileHeading: "Account details",
  fieldName: "Name",
  fieldKind: "Account type",
  fieldUsername: "Username",
  fieldIdNumber: "Personal identification number",
  fieldEnterpriseCode: "Enterprise code",
  fieldAgencyCode: "Agency code",
  idNumberMaskedNote: "For your protection only the first 3 and last 3 digits are shown.",
  kind_citizen: "Citizen",
  kind_business: "Business",
  kind_official: "Public official",
  rolesHeading: "Roles",
  rolesNone: "This account has no roles yet.",
  scopeLabel: "Scope",
  scopeNationwide: "Nationwide",
  scopePlace: (code) => `Administrative unit ${code}`,
  scopeAgency: (code) => `Agency ${code}`,
  role_citizen: "Citizen",
  role_business_representative: "Business representative",
  role_receiving_officer: "Receiving officer",
  role_processing_officer: "Processing officer",
  role_approving_leader: "Approving leader",
  role_agency_admin: "Agency administrator",
  role_province_admin: "Province administrator",
  role_national_admin: "National administrator",
  role_auditor: "Auditor",
  role_analyst: "Analyst",

  tokensHeading: "API tokens",
  tokensIntro:
    "An API token lets your software call the Sen API on your behalf, with this account's permissions. Keep tokens secret and revoke the ones you no longer use.",
  tokensNone: "You have no API tokens.",
  tokenCreatedAt: (when) => `Created ${when}`,
  tokenExpiresAt: (when) => `Expires ${when}`,
  tokenNameLabel: "Name for a new token",
  tokenNameHint: "So you can recognise it later, e.g. accounting software.",
  createToken: "Create token",
  creatingToken: "Creating…",
  errorTokenNameMissing: "Enter a name for the token",
  errorTokenNameTooLong: "A token name has at most 100 characters",
  tokenCreated: (name) => `Token “${name}” created.`,
  newTokenHeading: (name) => `New token “${name}”`,
  newTokenWarning: "Copy this token now. For your protection it will not be shown again.",
  newTokenLabel: "Token",
  copy: "Copy",
  copied: "Token copied.",
  copyFailed: "Could not copy automatically. Select the token and press Ctrl+C.",
  newTokenDone: "I have saved the token",
  revoke: "Revoke",
  revokeWhich: (name) => `token “${name}”`,
  revokeQuestion: (name) => `Revoke token “${name}”? Software using it will lose access.`,
  revokeConfirm: "Revoke token",
  revoking: "Revoking…",
  cancel: "Cancel",
  tokenRevoked: (name) => `Token “${name}” revoked.`,
  signOut: "Sign out",
  signingOut: "Signing out…",
  signedOut: "You have signed out.",
  dateTime: (iso) => dateTime("en", iso),

  footerData:
    "Administrative unit data: dvhcvn/20250701 (MIT licence). Official unit codes from the National Statistics Office (Cục Thống kê), Official Letter 1027/CTK-CSCL.",
  footerSourceLink: "Data source",
};

export const MESSAGES: Record<Language, Messages> = { vi, en };
