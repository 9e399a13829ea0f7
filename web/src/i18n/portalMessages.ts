import { fmtEn, fmtVi } from "./format";

// Strings of the portal's first page and the footer's pages, spread into the message tables in
// messages.ts. `portalEn` must have every key of `portalVi`.

export type InfoTopic = "contact" | "privacy" | "accessibility";
interface InfoText {
  title: string;
  intro: string;
  sections: { heading: string; paragraphs: string[] }[];
}

const INFO_VI: Record<InfoTopic, InfoText> = {
  contact: {
    title: "Liên hệ",
    intro: "Mỗi hồ sơ do một cơ quan tiếp nhận và giải quyết; cơ quan đó trả lời mọi câu hỏi về hồ sơ.",
    sections: [
      {
        heading: "Về một hồ sơ",
        paragraphs: [
          "Mã hồ sơ và cơ quan giải quyết in trên giấy tiếp nhận. Tra cứu hồ sơ bằng mã và số định danh cá nhân, hoặc liên hệ cơ quan theo địa chỉ, điện thoại và giờ làm việc trong danh bạ.",
        ],
      },
      {
        heading: "Về thủ tục hành chính",
        paragraphs: ["Trang của mỗi thủ tục ghi thành phần hồ sơ, thời hạn, lệ phí, căn cứ pháp lý và cơ quan thực hiện."],
      },
    ],
  },
  privacy: {
    title: "Chính sách bảo vệ dữ liệu cá nhân",
    intro:
      "Sen chỉ xử lý dữ liệu cá nhân cần cho việc giải quyết thủ tục hành chính, theo Nghị định 13/2023/NĐ-CP và Luật Bảo vệ dữ liệu cá nhân.",
    sections: [
      {
        heading: "Dữ liệu được lưu",
        paragraphs: [
          "Tài khoản: họ tên, số định danh cá nhân (hoặc mã số doanh nghiệp), thư điện tử nếu bạn cung cấp. Hồ sơ: nội dung tờ khai, giấy tờ đính kèm, kết quả và các bước xử lý.",
        ],
      },
      {
        heading: "Ai được xem",
        paragraphs: [
          "Chỉ cán bộ của cơ quan giải quyết hồ sơ, theo vai trò được giao. Mỗi thay đổi và mỗi lần cán bộ mở hồ sơ đều được ghi vào nhật ký kiểm toán, không sửa được; bạn xem ai đã mở hồ sơ của mình trong trang tài khoản.",
          "Số liệu công bố (thống kê, dữ liệu mở) chỉ là số tổng hợp; ô có ít hơn 5 người bị ẩn để không ai bị nhận diện.",
        ],
      },
      {
        heading: "Quyền của bạn",
        paragraphs: [
          "Bạn xem được hồ sơ, thông báo và kết quả của mình trong tài khoản, và yêu cầu cơ quan giải quyết sửa thông tin sai.",
        ],
      },
    ],
  },
  accessibility: {
    title: "Tuyên bố về khả năng tiếp cận",
    intro: "Sen hướng tới mức AA của WCAG 2.1 để mọi người, kể cả người dùng trình đọc màn hình hay bàn phím, đều dùng được.",
    sections: [
      {
        heading: "Cách chúng tôi kiểm tra",
        paragraphs: [
          "Mỗi trang được kiểm tra tự động bằng axe trong trình duyệt Chromium, ở màn hình rộng và rộng 390 điểm ảnh. Mọi biểu đồ có bảng số liệu đi kèm; mọi điều khiển có viền tiêu điểm vàng rõ ràng.",
        ],
      },
      {
        heading: "Báo lỗi",
        paragraphs: ["Nếu một trang khó dùng với bạn, hãy báo cho cơ quan giải quyết hồ sơ; chúng tôi sẽ sửa."],
      },
    ],
  },
};

const INFO_EN: Record<InfoTopic, InfoText> = {
  contact: {
    title: "Contact",
    intro: "Each application is received and decided by one agency; that agency answers every question about it.",
    sections: [
      {
        heading: "About an application",
        paragraphs: [
          "The application code and the deciding agency are printed on the receipt. Track the application with its code and the personal identification number, or contact the agency at the address, phone number and office hours in the directory.",
        ],
      },
      {
        heading: "About a procedure",
        paragraphs: ["Each procedure's page lists the documents required, the time limit, fees, legal basis and the agency in charge."],
      },
    ],
  },
  privacy: {
    title: "Privacy notice",
    intro:
      "Sen processes only the personal data needed to decide administrative procedures, under Decree 13/2023/ND-CP and the Law on Personal Data Protection.",
    sections: [
      {
        heading: "What is kept",
        paragraphs: [
          "Account: name, personal identification number (or enterprise code), e-mail address if you give one. Applications: the form, attached documents, the result and each processing step.",
        ],
      },
      {
        heading: "Who can see it",
        paragraphs: [
          "Only officials of the agency deciding the application, within the roles they are given. Every change, and every time an official opens an application, is recorded in an audit log that cannot be altered; your account page shows who opened yours.",
          "Published figures (statistics, open data) are totals only; cells of fewer than 5 people are hidden so that no one can be identified.",
        ],
      },
      {
        heading: "Your rights",
        paragraphs: [
          "You see your applications, notifications and results in your account, and can ask the deciding agency to correct wrong information.",
        ],
      },
    ],
  },
  accessibility: {
    title: "Accessibility statement",
    intro: "Sen aims at WCAG 2.1 level AA, so that everyone, screen reader and keyboard users included, can use it.",
    sections: [
      {
        heading: "How we check",
        paragraphs: [
          "Every page is checked automatically with axe in Chromium, on a wide screen and 390 pixels wide. Every chart has a table of its figures beside it; every control shows a clear yellow focus state.",
        ],
      },
      {
        heading: "Reporting a problem",
        paragraphs: ["If a page is hard for you to use, tell the agency handling your application; we will fix it."],
      },
    ],
  },
};

export const portalVi = {
  navHome: "Trang chủ",
  menuOpen: "Danh mục",
  menuClose: "Đóng danh mục",
  homeTitle: "Dịch vụ công trực tuyến",
  homeHeading: "Bạn cần làm thủ tục gì?",
  homeIntro: "Tìm thủ tục, nộp hồ sơ trực tuyến, theo dõi hồ sơ và nhận kết quả có chữ ký số.",
  homeSearchLabel: "Tìm thủ tục hành chính",
  homeSearchHint: "Ví dụ: khai sinh, kết hôn, hộ chiếu. Có thể gõ không dấu.",
  homeNoMatch: "Không tìm thấy thủ tục nào. Hãy thử từ khác, ví dụ tên giấy tờ bạn cần.",
  homeSeeAll: (n: number): string => `Xem cả ${fmtVi(n)} thủ tục tìm thấy`,
  homePopularHeading: "Thủ tục được dùng nhiều nhất",
  homePopularHint: "Theo số hồ sơ tiếp nhận trên cả nước trong tháng này và 12 tháng trước.",
  homePopularNone: "Chưa có hồ sơ nào được tiếp nhận.",
  homeTrackIntro: "Nhập mã hồ sơ trên giấy tiếp nhận và số định danh cá nhân của người nộp.",
  homeAccountHeading: "Tài khoản",
  homeSignInIntro: "Đăng nhập để nộp hồ sơ, xem hồ sơ của bạn và nhận thông báo.",
  homeSignUp: "Chưa có tài khoản? Đăng ký",
  homeAccountLink: "Thông tin tài khoản",
  homeMoreHeading: "Xem thêm",
  homeAllProcedures: "Tất cả thủ tục hành chính",
  homePlacesLink: "Danh bạ xã, phường và cơ quan",
  placeAgenciesHeading: "Cơ quan",
  placeAgenciesNone: "Chưa có cơ quan nào ở địa bàn này.",
  placeProceduresHeading: "Thủ tục thực hiện tại đây",
  agencyAddress: "Địa chỉ",
  agencyPhone: "Điện thoại",
  agencyEmail: "Thư điện tử",
  agencyOfficeHours: "Giờ làm việc",
  agencyNotRecorded: "Chưa cập nhật",
  footerContact: "Liên hệ",
  footerPrivacy: "Bảo vệ dữ liệu cá nhân",
  footerAccessibility: "Khả năng tiếp cận",
  info: INFO_VI,
};

export const portalEn: typeof portalVi = {
  navHome: "Home",
  menuOpen: "Menu",
  menuClose: "Close menu",
  homeTitle: "Online public services",
  homeHeading: "What do you need to do?",
  homeIntro: "Find a procedure, apply online, track your application and receive a digitally signed result.",
  homeSearchLabel: "Search administrative procedures",
  homeSearchHint: "For example: khai sinh (birth), kết hôn (marriage), hộ chiếu (passport). Diacritics are optional.",
  homeNoMatch: "No procedure found. Try another word, such as the name of the document you need.",
  homeSeeAll: (n: number): string => `See all ${fmtEn(n)} procedures found`,
  homePopularHeading: "Most used procedures",
  homePopularHint: "By applications received nationwide this month and the 12 months before.",
  homePopularNone: "No application has been received yet.",
  homeTrackIntro: "Enter the application code from your receipt and the applicant's personal identification number.",
  homeAccountHeading: "Account",
  homeSignInIntro: "Sign in to apply, see your applications and receive notifications.",
  homeSignUp: "No account yet? Sign up",
  homeAccountLink: "Your account",
  homeMoreHeading: "More",
  homeAllProcedures: "All administrative procedures",
  homePlacesLink: "Directory of communes, wards and agencies",
  placeAgenciesHeading: "Agencies",
  placeAgenciesNone: "No agency in this place yet.",
  placeProceduresHeading: "Procedures handled here",
  agencyAddress: "Address",
  agencyPhone: "Phone",
  agencyEmail: "E-mail",
  agencyOfficeHours: "Office hours",
  agencyNotRecorded: "Not recorded yet",
  footerContact: "Contact",
  footerPrivacy: "Privacy",
  footerAccessibility: "Accessibility",
  info: INFO_EN,
};
