import { Field, type FieldProps } from "./Field";

interface Props extends FieldProps {
  value: string;
  onInput: (value: string) => void;
  rows?: number;
}

// Multi-line text (reasons, comments, long form answers), framed like TextField.
export function TextAreaField({ value, onInput, rows = 4, ...field }: Props) {
  return (
    <Field {...field}>
      {(control) => (
        <textarea
          {...control}
          class="field__input field__textarea"
          rows={rows}
          value={value}
          onInput={(event) => onInput(event.currentTarget.value)}
        />
      )}
    </Field>
  );
}
