import { Field, type FieldProps } from "./Field";

interface Props extends FieldProps {
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
}

// The <select> counterpart of TextField: label, hint and error tied to the control.
export function SelectField({ value, options, onChange, ...field }: Props) {
  return (
    <Field {...field}>
      {(control) => (
        <select
          {...control}
          class="field__input field__select"
          value={value}
          onChange={(event) => onChange(event.currentTarget.value)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
