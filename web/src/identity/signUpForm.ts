import { ApiError } from "../api/client";
import type { Registration } from "../api/types";
import { commonError, type ErrorText } from "../forms/errorText";
import { utf8Length } from "../forms/utf8Length";

export type SignUpKind = "citizen" | "business";

export interface SignUpValues {
  kind: SignUpKind;
  idNumber: string;
  enterpriseCode: string;
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}

export type SignUpField = Exclude<keyof SignUpValues, "kind">;
export type SignUpErrors = Partial<Record<SignUpField, ErrorText>>;

export const EMPTY_SIGN_UP: SignUpValues = {
  kind: "citizen",
  idNumber: "",
  enterpriseCode: "",
  username: "",
  displayName: "",
  password: "",
  confirm: "",
};

// The fields each kind of account shows, in page order (also the error summary's order).
export const SIGN_UP_FIELDS: Record<SignUpKind, readonly SignUpField[]> = {
  citizen: ["idNumber", "displayName", "password", "confirm"],
  business: ["enterpriseCode", "username", "displayName", "password", "confirm"],
};

// Server limits; maxima are in UTF-8 bytes, as the server counts them.
const NAME_MAX_BYTES = 200;
const PASSWORD_MIN = 10;
const PASSWORD_MAX = 128;

// People often type the number in groups ("079 203 001 234").
export const normalizeIdNumber = (raw: string): string => raw.replace(/\s+/g, "");

// Format checks only, to answer quickly in the reader's language; the server decides the rest
// (province codes, uniqueness, guessable passwords).
export function validateSignUp(v: SignUpValues): SignUpErrors {
  const errors: SignUpErrors = {};
  if (v.kind === "citizen") {
    const id = normalizeIdNumber(v.idNumber);
    if (id === "") errors.idNumber = "errorIdNumberMissing";
    else if (!/^\d{12}$/.test(id)) errors.idNumber = "errorIdNumberFormat";
  } else {
    const code = v.enterpriseCode.trim();
    if (code === "") errors.enterpriseCode = "errorEnterpriseCodeMissing";
    else if (!/^\d{10}(-\d{3})?$/.test(code)) errors.enterpriseCode = "errorEnterpriseCodeFormat";
    if (!/^[a-z0-9._-]{3,64}$/.test(v.username.trim())) errors.username = "errorUsernameFormat";
  }
  const name = v.displayName.trim();
  if (name === "") errors.displayName = "errorNameMissing";
  else if (utf8Length(name) > NAME_MAX_BYTES) errors.displayName = "errorNameTooLong";
  if ([...v.password].length < PASSWORD_MIN || utf8Length(v.password) > PASSWORD_MAX) {
    errors.password = "errorPasswordLength";
  }
  if (v.confirm === "") errors.confirm = "errorConfirmMissing";
  else if (v.confirm !== v.password) errors.confirm = "errorConfirmMismatch";
  return errors;
}

export function toRegistration(v: SignUpValues): Registration {
  const common = { display_name: v.displayName.trim(), password: v.password };
  return v.kind === "citizen"
    ? { kind: "citizen", id_number: normalizeIdNumber(v.idNumber), ...common }
    : { kind: "business", enterprise_code: v.enterpriseCode.trim(), username: v.username.trim(), ...common };
}

const SERVER_FIELDS: Record<string, SignUpField> = {
  id_number: "idNumber",
  enterprise_code: "enterpriseCode",
  username: "username",
  display_name: "displayName",
  password: "password",
};

// The server explains in English; its `field` and `code` pick a message in the reader's language.
export function serverSignUpError(error: unknown): { field: SignUpField | null; text: ErrorText } {
  if (!(error instanceof ApiError)) return { field: null, text: commonError(error) };
  const field = error.field === undefined ? undefined : SERVER_FIELDS[error.field];
  if (field === undefined) {
    return error.status === 400 ? { field: null, text: { detail: error.message } } : { field: null, text: commonError(error) };
  }
  const conflict = error.code === "conflict";
  switch (field) {
    case "idNumber":
      return { field, text: conflict ? "errorIdNumberTaken" : "errorIdNumberInvalid" };
    case "enterpriseCode":
      return { field, text: "errorEnterpriseCodeFormat" };
    case "username":
      return { field, text: conflict ? "errorUsernameTaken" : "errorUsernameFormat" };
    case "displayName":
      return { field, text: "errorNameTooLong" };
    default:
      return { field, text: "errorPasswordRejected" };
  }
}
