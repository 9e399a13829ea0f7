export const officialHeadingId = (id: string) => `official-${id}-heading`;

// Focus target when the focused element goes away (a revoked role's button) or a new
// official appears.
export function focusOfficial(id: string): void {
  document.getElementById(officialHeadingId(id))?.focus();
}
