// The server measures text limits in UTF-8 bytes (a Vietnamese letter can take 3).
export function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}
