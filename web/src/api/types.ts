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

// Dossier lists: `total` is null when filters make it unknown without counting rows; `counts` are
// per status over the list's whole scope, before filters.
export interface DossierPage<T> {
  items: T[];
  total: number | null;
  next: string | null;
  counts: Record<string, number>;
}

// RFC 9457 problem details, plus Sen's machine-readable `code`.
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  // The request member at fault (e.g. "id_number"), when there is one.
  field?: string;
}

export interface LoginResult {
  account_id: string;
  display_name: string;
  csrf_token: string;
  expires_at: string;
  // Signed in with a one-time or reset password: only changing it (or signing out) is allowed.
  password_change_required: boolean;
}

export interface AuthProviders {
  oidc: boolean;
  name: string;
}

export type AccountKind = "citizen" | "business" | "official";

export interface Registration {
  kind: "citizen" | "business";
  id_number?: string;
  enterprise_code?: string;
  username?: string;
  display_name: string;
  password: string;
}

export interface RoleGrant {
  // Present where the grant can be revoked (administration listings); /me may omit it.
  id?: string;
  role: string;
  scope_kind: string;
  scope: string;
}

// GET /me. `id_number` is masked by the server (001******345); citizens' usernames are too.
export interface Me {
  id: string;
  kind: AccountKind | string;
  username: string;
  display_name: string;
  id_number?: string;
  enterprise_code?: string;
  agency_code?: string;
  roles: RoleGrant[];
  password_change_required: boolean;
  // Present only when signed in by session cookie.
  csrf_token?: string;
}

export interface ApiToken {
  id: string;
  name: string;
  created_at: string;
  expires_at: string;
}

// The secret is in this response only; listings never include it.
export interface NewApiToken {
  id: string;
  token: string;
  expires_at: string;
}

export type AgencyKind = "people_committee" | "public_service_center" | "department" | "other";

export interface Agency {
  code: string;
  name: string;
  kind: AgencyKind | string;
  place_code: string;
  // Empty until an administrator records them.
  address?: string;
  phone?: string;
  email?: string;
  office_hours?: string;
}

export interface Official {
  id: string;
  username: string;
  display_name: string;
  agency_code: string;
  email?: string;
  // Locked by an administrator: no sign-in until unlocked.
  locked?: boolean;
  roles: RoleGrant[];
}

// A problem with one row (and column) of an officials import; row 1 is the header.
export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

export interface ImportResult {
  rows: number;
  valid: number;
  created: string[];
  errors: ImportRowError[];
}

export interface RoleGrantCreated {
  id: string;
  account_id: string;
  role: string;
  scope_kind: string;
  scope: string;
}
