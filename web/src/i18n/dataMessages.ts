import { fmtEn, fmtVi } from "./format";

// Strings of the data brain (dashboard, alerts, service-quality page), spread into the message tables
// in messages.ts. `dataEn` must have every key of `dataVi`.

const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

// "2026-11" -> "Tháng 11/2026"; "2026-Q3" -> "Quý 3/2026"; "2026" -> "Năm 2026"; "2026-YTD" -> "Từ đầu năm 2026".
function periodVi(id: string): string {
  const [year, part] = id.split("-");
  if (part === undefined) return `Năm ${year}`;
  if (part === "YTD") return `Từ đầu năm ${year} đến nay`;
  if (part.startsWith("Q")) return `Quý ${part.slice(1)}/${year}`;
  return `Tháng ${Number(part)}/${year}`;
}
function periodEn(id: string): string {
  const [year, part] = id.split("-");
  if (part === undefined) return `${year}`;
  if (part === "YTD") return `${year} to date`;
  if (part.startsWith("Q")) return `${part} ${year}`;
  return `${MONTHS_EN[Number(part) - 1] ?? part} ${year}`;
}

const value = (fmt: (n: number) => string) => (v: number | null, unit: string): string => {
  if (v === null) return "–";
  if (unit === "percent") return `${fmt(Math.round(v * 10) / 10)} %`;
  if (unit === "points") return fmt(Math.round(v * 10) / 10);
  return fmt(Math.round(v));
};

export const dataVi = {
  navData: "Số liệu",
  dataHeading: "Bảng điều hành số liệu",
  dataIntro:
    "Chỉ số tính trực tiếp từ hồ sơ, đánh giá chuyển đổi số và số liệu thống kê, tổng hợp từ xã, phường lên tỉnh và cả nước, so với lộ trình mục tiêu.",
  dataIndicatorLabel: "Chỉ số",
  dataPeriodLabel: "Kỳ",
  dataShow: "Xem",
  period: periodVi,
  dataValue: value(fmtVi),
  dataCount: (n: number | null): string => (n === null ? "–" : fmtVi(Math.round(n))),
  dataNation: "Cả nước",
  dataByProvince: "Theo tỉnh, thành phố",
  dataByCommune: (province: string): string => `Theo xã, phường của ${province}`,
  dataMapLabel: (indicator: string, period: string): string => `Bản đồ ${indicator} theo tỉnh, ${period}`,
  dataMapCredit:
    "Ranh giới tỉnh: Open Development Mekong / Open Development Vietnam, “Địa phận tỉnh” (nguồn: Cục Đo đạc và Bản đồ Việt Nam), CC BY-SA 4.0 — đã gộp theo 34 tỉnh năm 2025 và đơn giản hóa.",
  dataPlace: "Địa bàn",
  dataColValue: "Giá trị",
  dataColNumerator: "Tử số",
  dataColDenominator: "Mẫu số",
  dataColExpected: "Lộ trình mục tiêu",
  dataColStatus: "Tình trạng",
  dataStatus: (s: string | null): string =>
    s === "on_track" ? "Đúng lộ trình" : s === "at_risk" ? "Có nguy cơ chậm" : s === "off_track" ? "Chệch lộ trình" : "–",
  dataMapped: "Có số liệu quy đổi từ đơn vị hành chính trước ngày 1/7/2025.",
  dataDrill: (place: string): string => `Xem các xã, phường của ${place}`,
  dataBackToNation: "Về cả nước",
  dataExportCsv: "Tải CSV",
  dataExportXlsx: "Tải Excel (XLSX)",
  dataTrendHeading: (place: string): string => `Diễn biến 24 tháng qua — ${place}`,
  dataTrendLabel: (indicator: string, place: string): string => `Biểu đồ ${indicator} theo tháng tại ${place}, so với lộ trình mục tiêu`,
  dataColMonth: "Tháng",
  dataDefinition: "Cách tính",
  dataAlertsHeading: "Cảnh báo sớm",
  dataAlertsNone: "Không có cảnh báo nào đang mở.",
  dataAlertsSignIn: "Cán bộ đăng nhập để xem cảnh báo của địa bàn mình.",
  dataSeverity: (s: string): string => (s === "critical" ? "Nghiêm trọng" : s === "warning" ? "Cảnh báo" : "Lưu ý"),
  dataAlertState: (s: string): string => (s === "open" ? "Đang mở" : s === "acknowledged" ? "Đã tiếp nhận" : "Đã xử lý"),
  dataAlertLine: (place: string, period: string, v: string, expected: string): string =>
    `${place}, ${period}: ${v} (mốc so sánh ${expected})`,
  dataAck: "Tiếp nhận",
  dataResolve: "Đã xử lý",
  dataCommentLabel: "Ghi chú",
  dataResolveNeedsComment: "Ghi rõ đã xử lý thế nào.",
  dataAlertChanged: "Đã cập nhật cảnh báo.",
  dataRaisedAt: "Phát hiện lúc",
  dataDxHeading: "Doanh nghiệp theo mức chuyển đổi số, so với mục tiêu 2030",
  dataDxLabel: "Biểu đồ số doanh nghiệp theo mức chuyển đổi số và mục tiêu 2030",
  dataLevel: "Mức",
  dataEnterprises: "Doanh nghiệp",
  dataTarget2030: "Mục tiêu 2030",
  dxLevelName: (id: string): string =>
    ({ starting: "Khởi đầu", accelerating: "Tăng tốc", optimizing: "Tối ưu", elite: "Dẫn đầu" })[id] ?? id,
  qualityHeading: "Chất lượng phục vụ người dân, doanh nghiệp",
  qualityIntro:
    "Các chỉ số của Quyết định 766/QĐ-TTg tính từ hồ sơ: tỷ lệ nộp trực tuyến, giải quyết đúng hạn, thanh toán trực tuyến, kết quả điện tử và mức độ hài lòng.",
  qualityLink: "Chất lượng phục vụ theo tỉnh, xã",
  dataChartNote: "Số liệu của biểu đồ có trong bảng bên cạnh.",
};

export const dataEn: typeof dataVi = {
  navData: "Data",
  dataHeading: "Data dashboard",
  dataIntro:
    "Indicators computed live from dossiers, digital-transformation assessments and statistics, rolled up from communes to provinces and the nation, against the target path.",
  dataIndicatorLabel: "Indicator",
  dataPeriodLabel: "Period",
  dataShow: "Show",
  period: periodEn,
  dataValue: value(fmtEn),
  dataCount: (n: number | null): string => (n === null ? "–" : fmtEn(Math.round(n))),
  dataNation: "Nationwide",
  dataByProvince: "By province",
  dataByCommune: (province: string): string => `By commune of ${province}`,
  dataMapLabel: (indicator: string, period: string): string => `Map of ${indicator} by province, ${period}`,
  dataMapCredit:
    "Province boundaries: Open Development Mekong / Open Development Vietnam, “Địa phận tỉnh” (source: Department of Survey and Mapping, Vietnam), CC BY-SA 4.0 — merged into the 34 provinces of 2025 and simplified.",
  dataPlace: "Place",
  dataColValue: "Value",
  dataColNumerator: "Numerator",
  dataColDenominator: "Denominator",
  dataColExpected: "Target path",
  dataColStatus: "Status",
  dataStatus: (s: string | null): string =>
    s === "on_track" ? "On track" : s === "at_risk" ? "At risk" : s === "off_track" ? "Off track" : "–",
  dataMapped: "Includes figures mapped from the units before 1 July 2025.",
  dataDrill: (place: string): string => `See the communes of ${place}`,
  dataBackToNation: "Back to the nation",
  dataExportCsv: "Download CSV",
  dataExportXlsx: "Download Excel (XLSX)",
  dataTrendHeading: (place: string): string => `The last 24 months — ${place}`,
  dataTrendLabel: (indicator: string, place: string): string => `Chart of ${indicator} by month in ${place}, against the target path`,
  dataColMonth: "Month",
  dataDefinition: "How it is computed",
  dataAlertsHeading: "Early warnings",
  dataAlertsNone: "No open alerts.",
  dataAlertsSignIn: "Officials sign in to see the alerts of their place.",
  dataSeverity: (s: string): string => (s === "critical" ? "Critical" : s === "warning" ? "Warning" : "Notice"),
  dataAlertState: (s: string): string => (s === "open" ? "Open" : s === "acknowledged" ? "Acknowledged" : "Resolved"),
  dataAlertLine: (place: string, period: string, v: string, expected: string): string =>
    `${place}, ${period}: ${v} (compared with ${expected})`,
  dataAck: "Acknowledge",
  dataResolve: "Resolve",
  dataCommentLabel: "Comment",
  dataResolveNeedsComment: "Say how it was resolved.",
  dataAlertChanged: "The alert was updated.",
  dataRaisedAt: "Raised at",
  dataDxHeading: "Enterprises by digital-transformation level, against the 2030 targets",
  dataDxLabel: "Chart of enterprises by DX level and the 2030 targets",
  dataLevel: "Level",
  dataEnterprises: "Enterprises",
  dataTarget2030: "2030 target",
  dxLevelName: (id: string): string =>
    ({ starting: "Starting", accelerating: "Accelerating", optimizing: "Optimizing", elite: "Elite" })[id] ?? id,
  qualityHeading: "Quality of service to citizens and businesses",
  qualityIntro:
    "The indicators of Decision 766/QĐ-TTg computed from dossiers: online submission, on-time processing, online payment, electronic results and satisfaction.",
  qualityLink: "Service quality by province and commune",
  dataChartNote: "The chart's figures are in the table beside it.",
};
