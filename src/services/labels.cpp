#include "services/labels.hpp"

namespace sen::services {
namespace {

std::string_view pick(Language lang, std::string_view vi, std::string_view en) {
  switch (lang) {
    case Language::kVietnamese:
      return vi;
    case Language::kEnglish:
      return en;
  }
  return vi;
}

}  // namespace

std::string_view status_label(DossierStatus s, Language lang) {
  switch (s) {
    case DossierStatus::kDraft:
      return pick(lang, "Bản nháp", "Draft");
    case DossierStatus::kAwaitingPayment:
      return pick(lang, "Chờ thanh toán phí, lệ phí", "Awaiting payment");
    case DossierStatus::kSubmitted:
      return pick(lang, "Mới đăng ký", "Submitted, awaiting intake");
    case DossierStatus::kReceived:
      return pick(lang, "Đã tiếp nhận", "Received");
    case DossierStatus::kRefused:
      return pick(lang, "Không được tiếp nhận", "Refused at intake");
    case DossierStatus::kProcessing:
      return pick(lang, "Đang xử lý", "Being processed");
    case DossierStatus::kAwaitingSupplement:
      return pick(lang, "Yêu cầu bổ sung hồ sơ", "Awaiting supplement");
    case DossierStatus::kWithdrawn:
      return pick(lang, "Đã rút hồ sơ", "Withdrawn");
    case DossierStatus::kRejected:
      return pick(lang, "Dừng xử lý", "Processing stopped");
    case DossierStatus::kResultReady:
      return pick(lang, "Đã có kết quả", "Result ready for return");
    case DossierStatus::kReturned:
      return pick(lang, "Đã trả kết quả", "Result returned");
  }
  return {};
}

std::string_view event_label(DossierAction a, Language lang) {
  switch (a) {
    case DossierAction::kSubmit:
      return pick(lang, "Nộp hồ sơ trực tuyến", "Submitted online");
    case DossierAction::kConfirmPayment:
      return pick(lang, "Đã thanh toán phí, lệ phí", "Fee paid");
    case DossierAction::kAccept:
      return pick(lang, "Tiếp nhận hồ sơ", "Accepted at intake");
    case DossierAction::kRefuse:
      return pick(lang, "Từ chối tiếp nhận hồ sơ", "Refused at intake");
    case DossierAction::kRequestSupplement:
      return pick(lang, "Yêu cầu bổ sung hồ sơ – tạm dừng tính thời hạn",
                  "Supplement requested – time limit paused");
    case DossierAction::kResubmit:
      return pick(lang, "Nộp bổ sung hồ sơ – tiếp tục tính thời hạn",
                  "Supplement submitted – time limit resumed");
    case DossierAction::kForward:
      return pick(lang, "Chuyển bước xử lý tiếp theo", "Forwarded to the next step");
    case DossierAction::kSendBack:
      return pick(lang, "Trả lại bước trước", "Sent back a step");
    case DossierAction::kTransfer:
      return pick(lang, "Chuyển đến cơ quan khác", "Transferred to another agency");
    case DossierAction::kReject:
      return pick(lang, "Dừng xử lý hồ sơ", "Processing stopped");
    case DossierAction::kApprove:
      return pick(lang, "Phê duyệt và ký số kết quả", "Result approved and signed");
    case DossierAction::kReturnResult:
      return pick(lang, "Trả kết quả", "Result returned");
    case DossierAction::kRevokeResult:
      return pick(lang, "Thu hồi kết quả đã cấp", "Issued result revoked");
    case DossierAction::kWithdraw:
      return pick(lang, "Người nộp rút hồ sơ", "Withdrawn by the applicant");
    case DossierAction::kRate:
      return pick(lang, "Người nộp đánh giá", "Rated by the applicant");
  }
  return {};
}

std::string_view actor_role_label(ActorRole r, Language lang) {
  switch (r) {
    case ActorRole::kApplicant:
      return pick(lang, "Người nộp hồ sơ", "Applicant");
    case ActorRole::kReceivingOfficer:
      return pick(lang, "Cán bộ tiếp nhận hồ sơ", "Receiving officer");
    case ActorRole::kProcessingOfficer:
      return pick(lang, "Cán bộ xử lý hồ sơ", "Processing officer");
    case ActorRole::kApprovingLeader:
      return pick(lang, "Lãnh đạo phê duyệt", "Approving leader");
    case ActorRole::kPaymentGateway:
      return pick(lang, "Hệ thống", "System");
  }
  return {};
}

std::string_view timeliness_label(std::string_view timeliness, Language lang) {
  if (timeliness == "early") return pick(lang, "Trước hạn", "Early");
  if (timeliness == "on_time") return pick(lang, "Đúng hạn", "On time");
  if (timeliness == "late") return pick(lang, "Trễ hạn", "Late");
  return {};
}

std::string_view yes_no(bool value, Language lang) {
  return value ? pick(lang, "Có", "Yes") : pick(lang, "Không", "No");
}

}  // namespace sen::services
