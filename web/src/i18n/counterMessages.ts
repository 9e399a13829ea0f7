// Strings of the one-stop counter, where a receiving officer registers a dossier brought in person
// or by post, spread into the message tables in messages.ts. `counterEn` must have every key of
// `counterVi`.

export const counterVi = {
  counterLink: "Tiếp nhận hồ sơ tại quầy",
  counterHeading: "Tiếp nhận hồ sơ tại quầy",
  counterIntro:
    "Đăng ký hồ sơ công dân nộp trực tiếp hoặc gửi qua bưu chính: chọn thủ tục, nhập thông tin người nộp và tờ khai, quét giấy tờ, rồi in giấy tiếp nhận.",
  counterAgency: (name: string): string => `Nơi tiếp nhận: ${name}`,
  counterNoAgency: "Tài khoản của bạn không có vai trò cán bộ tiếp nhận tại một cơ quan cụ thể.",
  counterSearchLabel: "Tìm thủ tục",
  counterSearchHint: "Ví dụ: khai sinh, xác nhận tình trạng hôn nhân",
  counterChoose: (name: string): string => `Tiếp nhận hồ sơ “${name}”`,
  counterNoMatch: "Không có thủ tục phù hợp tại nơi này.",
  counterNewHeading: "Đăng ký hồ sơ tại quầy",
  counterApplicantHeading: "Người nộp hồ sơ",
  counterApplicantIntro:
    "Hồ sơ thuộc về công dân: nếu đã có tài khoản, họ thấy hồ sơ trong tài khoản của mình; nếu chưa, họ tra cứu bằng mã hồ sơ và số định danh, và thấy hồ sơ khi đăng nhập bằng VNeID.",
  counterChannelLegend: "Hình thức nộp",
  counterIdNumberLabel: "Số định danh cá nhân của người nộp",
  counterIdNumberHint: "12 chữ số, trên căn cước hoặc căn cước công dân",
  counterNameLabel: "Họ và tên người nộp",
  errorCounterIdNumber: "Nhập số định danh cá nhân gồm 12 chữ số",
  errorCounterName: "Nhập họ và tên người nộp",
  counterSave: "Lưu và quét giấy tờ",
  counterRegistered: (code: string): string => `Đã đăng ký hồ sơ ${code} tại quầy.`,
  counterDeclarationHeading: "Xác nhận của cán bộ tiếp nhận",
  counterDeclarationText:
    "Tôi đã đối chiếu thông tin và bản quét với hồ sơ giấy người nộp mang đến hoặc gửi qua bưu chính.",
  counterFeeNotice: (fee: string): string =>
    `Thủ tục này có phí, lệ phí ${fee}. Sau khi nộp, thu phí tại quầy và xác nhận đã thu; hồ sơ được tiếp nhận sau đó.`,
  counterSubmitted: (code: string): string => `Đã nộp hồ sơ ${code} thay người nộp.`,
  counterDraftNotice:
    "Hồ sơ đang được đăng ký tại quầy: cán bộ tiếp nhận hoàn thiện và nộp thay người nộp.",
  action_confirm_payment: "Xác nhận đã thu phí tại quầy",
  fieldChannel: "Hình thức nộp",
};

export const counterEn: typeof counterVi = {
  counterLink: "Register a paper application",
  counterHeading: "One-stop counter",
  counterIntro:
    "Register an application a citizen brought in person or sent by post: choose the procedure, enter the applicant and the form, scan the papers, then print the receipt.",
  counterAgency: (name) => `Received at: ${name}`,
  counterNoAgency: "Your account has no receiving officer role at one agency.",
  counterSearchLabel: "Find the procedure",
  counterSearchHint: "For example: birth registration, marital status",
  counterChoose: (name) => `Register “${name}”`,
  counterNoMatch: "No procedure matches at this place.",
  counterNewHeading: "Register at the counter",
  counterApplicantHeading: "Applicant",
  counterApplicantIntro:
    "The application is the citizen's: with an account they see it there; without one they track it with its code and their identity number, and see it once they sign in with VNeID.",
  counterChannelLegend: "How it was brought",
  counterIdNumberLabel: "Applicant's personal identification number",
  counterIdNumberHint: "12 digits, on the identity card",
  counterNameLabel: "Applicant's full name",
  errorCounterIdNumber: "Enter a personal identification number of 12 digits",
  errorCounterName: "Enter the applicant's full name",
  counterSave: "Save and scan the papers",
  counterRegistered: (code) => `Application ${code} registered at the counter.`,
  counterDeclarationHeading: "Receiving officer's confirmation",
  counterDeclarationText:
    "I have checked the details and the scans against the paper application brought in or sent by post.",
  counterFeeNotice: (fee) =>
    `This procedure has a fee of ${fee}. After submitting, take the fee at the counter and confirm it; the application is then accepted.`,
  counterSubmitted: (code) => `Application ${code} submitted for the applicant.`,
  counterDraftNotice: "This application is being registered at the counter: the receiving officer completes and submits it.",
  action_confirm_payment: "Confirm the fee was paid at the counter",
  fieldChannel: "Channel",
};
