import { Field, type FieldProps } from "./Field";

interface Props extends FieldProps {
  accept?: string | undefined;
  onChange: (file: File | null) => void;
}

// A file chooser framed like TextField (label, hint and error read with it).
export function FileField({ accept, onChange, ...field }: Props) {
  return (
    <Field {...field}>
      {(control) => (
        <input
          {...control}
          type="file"
          class="field__input field__file"
          accept={accept}
          onChange={(event) => onChange(event.currentTarget.files?.[0] ?? null)}
        />
      )}
    </Field>
  );
}
