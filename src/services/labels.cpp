#include "services/labels.hpp"

namespace sen::services {
std::string_view status_label(DossierStatus s, Language lang) {
  switch (s) {
    case DossierStatus::kDraft:
      return in_language(lang, "Bản nháp", "Draft");
    case DossierStatus::kAwaitingPayment:
      return in_language(lang, "Chờ thanh toán phí, lệ phí", "Awaiting payment");
    case DossierStatus::kSubmitted:
      return in_language(lang, "Mới đăng ký", "Submitted, awaiting intake");
    case DossierStatus::kReceived:
      return in_language(lang, "Đã tiếp nhận", "Received");
    case DossierStatus::kRefused:
      return in_language(lang, "Không được tiếp nhận", "Refused at intake");
    case DossierStatus::kProcessing:
      return in_language(lang, "Đang xử lý", "Being processed");
    case DossierStatus::kAwaitingSupplement:
      return in_language(lang, "Yêu cầu bổ sung hồ sơ", "Awaiting supplement");
    case DossierStatus::kWithdrawn:
      return in_language(lang, "Đã rút hồ sơ", "Withdrawn");
    case DossierStatus::kRejected:
      return in_language(lang, "Dừng xử lý", "Processing stopped");
    case DossierStatus::kResultReady:
      return in_language(lang, "Đã có kết quả", "Result ready for return");
    case DossierStatus::kReturned:
      return in_language(lang, "Đã trả kết quả", "Result returned");
  }
  return {};
}

std::string_view event_label(DossierAction a, Language lang) {
  switch (a) {
    case DossierAction::kSubmit:
      return in_language(lang, "Nộp hồ sơ", "Submitted");
    case DossierAction::kConfirmPayment:
      return in_language(lang, "Đã thanh toán phí, lệ phí", "Fee paid");
    case DossierAction::kAccept:
      return in_language(lang, "Tiếp nhận hồ sơ", "Accepted at intake");
    case DossierAction::kRefuse:
      return in_language(lang, "Từ chối tiếp nhận hồ sơ", "Refused at intake");
    case DossierAction::kRequestSupplement:
      return in_language(lang, "Yêu cầu bổ sung hồ sơ – tạm dừng tính thời hạn",
                         "Supplement requested – time limit paused");
    case DossierAction::kResubmit:
      return in_language(lang, "Nộp bổ sung hồ sơ – tiếp tục tính thời hạn",
                         "Supplement submitted – time limit resumed");
    case DossierAction::kForward:
      return in_language(lang, "Chuyển bước xử lý tiếp theo", "Forwarded to the next step");
    case DossierAction::kSendBack:
      return in_language(lang, "Trả lại bước trước", "Sent back a step");
    case DossierAction::kTransfer:
      return in_language(lang, "Chuyển đến cơ quan khác", "Transferred to another agency");
    case DossierAction::kReject:
      return in_language(lang, "Dừng xử lý hồ sơ", "Processing stopped");
    case DossierAction::kApprove:
      return in_language(lang, "Phê duyệt và ký số kết quả", "Result approved and signed");
    case DossierAction::kReturnResult:
      return in_language(lang, "Trả kết quả", "Result returned");
    case DossierAction::kRevokeResult:
      return in_language(lang, "Thu hồi kết quả đã cấp", "Issued result revoked");
    case DossierAction::kWithdraw:
      return in_language(lang, "Người nộp rút hồ sơ", "Withdrawn by the applicant");
    case DossierAction::kRate:
      return in_language(lang, "Người nộp đánh giá", "Rated by the applicant");
  }
  return {};
}

std::string_view actor_role_label(ActorRole r, Language lang) {
  switch (r) {
    case ActorRole::kApplicant:
      return in_language(lang, "Người nộp hồ sơ", "Applicant");
    case ActorRole::kReceivingOfficer:
      return in_language(lang, "Cán bộ tiếp nhận hồ sơ", "Receiving officer");
    case ActorRole::kProcessingOfficer:
      return in_language(lang, "Cán bộ xử lý hồ sơ", "Processing officer");
    case ActorRole::kApprovingLeader:
      return in_language(lang, "Lãnh đạo phê duyệt", "Approving leader");
    case ActorRole::kPaymentGateway:
      return in_language(lang, "Hệ thống", "System");
  }
  return {};
}

std::string_view timeliness_label(std::string_view timeliness, Language lang) {
  if (timeliness == "early") return in_language(lang, "Trước hạn", "Early");
  if (timeliness == "on_time") return in_language(lang, "Đúng hạn", "On time");
  if (timeliness == "late") return in_language(lang, "Trễ hạn", "Late");
  return {};
}

std::string_view yes_no(bool value, Language lang) {
  return value ? in_language(lang, "Có", "Yes") : in_language(lang, "Không", "No");
}

}  // namespace sen::services
