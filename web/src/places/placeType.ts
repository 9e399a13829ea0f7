import type { PlaceType } from "../api/types";
import type { Messages } from "../i18n/messages";

// Falls back to the raw type so an unexpected value from a newer server still renders.
export function placeTypeLabel(t: Messages, type: PlaceType | string): string {
  switch (type) {
    case "quoc_gia":
      return t.type_quoc_gia;
    case "thanh_pho_truc_thuoc_trung_uong":
      return t.type_thanh_pho_truc_thuoc_trung_uong;
    case "tinh":
      return t.type_tinh;
    case "xa":
      return t.type_xa;
    case "phuong":
      return t.type_phuong;
    case "dac_khu":
      return t.type_dac_khu;
    default:
      return type;
  }
}
