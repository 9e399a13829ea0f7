// Shapes of the Sen JSON API (/api/v1). Codes are strings: leading zeros matter.

// The server also exposes the country itself ("VN", level "nation") as the provinces' parent.
export type PlaceLevel = "nation" | "province" | "commune";

export type PlaceType =
  | "quoc_gia"
  | "thanh_pho_truc_thuoc_trung_uong"
  | "tinh"
  | "xa"
  | "phuong"
  | "dac_khu";

export interface Place {
  code: string;
  name: string;
  level: PlaceLevel;
  type: PlaceType;
  parent_code: string | null;
  parent_name: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  next: string | null;
}

// RFC 9457 problem details, plus Sen's machine-readable `code`.
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
}
