interface Props {
  label: string;
  busyLabel: string;
  busy: boolean;
}

// aria-disabled instead of disabled keeps focus on the button while the request runs;
// the form ignores submits while busy.
export function SubmitButton({ label, busyLabel, busy }: Props) {
  return (
    <button type="submit" class="button" aria-disabled={busy}>
      {busy ? busyLabel : label}
    </button>
  );
}
