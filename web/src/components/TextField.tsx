import { Field, type FieldProps } from "./Field";

interface Props extends FieldProps {
  value: string;
  onInput: (value: string) => void;
  type?: "text" | "password" | "email" | "number";
  autocomplete?: string;
  inputMode?: "text" | "numeric" | "decimal" | "email";
  // Mobile keyboards: codes and usernames stay as typed; names start each word in capitals.
  autocapitalize?: "none" | "words" | "sentences";
  class?: string;
}

// Label, hint and error are tied to the input (for, aria-describedby), so they are read with it.
export function TextField(props: Props) {
  return (
    <Field id={props.id} label={props.label} hint={props.hint} error={props.error} required={props.required}>
      {(control) => (
        <input
          {...control}
          type={props.type ?? "text"}
          class={`field__input ${props.class ?? ""}`.trim()}
          value={props.value}
          autocomplete={props.autocomplete}
          inputMode={props.inputMode}
          spellcheck={false}
          autocapitalize={props.autocapitalize ?? "none"}
          onInput={(event) => props.onInput(event.currentTarget.value)}
        />
      )}
    </Field>
  );
}
