import { fmtEn, fmtVi } from "./format";

// Strings of what a citizen is shown of the personal data Sen holds about them (who read their
// dossiers), spread into the message tables in messages.ts. `personalDataEn` must have every key of
// `personalDataVi`.

export const personalDataVi = {
  personalDataDownload: "Tải về mọi dữ liệu Sen lưu về bạn (JSON)",
  readsHeading: "Ai đã xem hồ sơ của bạn",
  readsIntro:
    "Mỗi lần cán bộ mở hồ sơ hoặc giấy tờ của bạn đều được ghi lại trong nhật ký kiểm toán, mới nhất ở trên.",
  readsNone: "Chưa có cán bộ nào mở hồ sơ của bạn.",
  readsCount: (n: number): string => `${fmtVi(n)} lượt xem`,
  readsExportLabel: "Tải danh sách lượt xem",
  readsColWhen: "Thời điểm",
  readsColDossier: "Hồ sơ",
  readsColWhat: "Nội dung đã xem",
  readsColOfficial: "Cán bộ",
  readsColAgency: "Cơ quan",
  readsWhatView: "Toàn bộ hồ sơ",
  readsWhatDocument: (name: string): string => `Giấy tờ: ${name}`,
};

export const personalDataEn: typeof personalDataVi = {
  personalDataDownload: "Download all data Sen holds about you (JSON)",
  readsHeading: "Who read your applications",
  readsIntro: "Every time an official opens one of your applications or its papers, the audit log records it; newest first.",
  readsNone: "No official has opened your applications yet.",
  readsCount: (n) => `${fmtEn(n)} ${n === 1 ? "reading" : "readings"}`,
  readsExportLabel: "Download the list of readings",
  readsColWhen: "When",
  readsColDossier: "Application",
  readsColWhat: "What was read",
  readsColOfficial: "Official",
  readsColAgency: "Agency",
  readsWhatView: "The whole application",
  readsWhatDocument: (name) => `Paper: ${name}`,
};
