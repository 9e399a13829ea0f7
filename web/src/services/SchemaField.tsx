import { DateField } from "../components/DateField";
import { SelectField } from "../components/SelectField";
import { TextAreaField } from "../components/TextAreaField";
import { TextField } from "../components/TextField";
import { useI18n } from "../i18n/I18nProvider";
import { formFieldId, type FormField } from "../dossiers/formSchema";

interface Props {
  field: FormField;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
}

// One input generated from the form schema: its title is the label, its description the hint.
export function SchemaField({ field, value, error, onInput }: Props) {
  const { t } = useI18n();
  const common = {
    id: formFieldId(field.path),
    label: field.title,
    hint: field.description,
    error,
    required: field.required,
    value,
  };
  switch (field.kind) {
    case "textarea":
      return <TextAreaField {...common} onInput={onInput} />;
    case "select":
    case "boolean": {
      const choices =
        field.kind === "boolean"
          ? [
              { value: "true", label: t.yes },
              { value: "false", label: t.no },
            ]
          : field.options.map((o) => ({ value: o, label: o }));
      return <SelectField {...common} options={[{ value: "", label: t.selectPlaceholder }, ...choices]} onChange={onInput} />;
    }
    case "date":
      return <DateField {...common} onInput={onInput} />;
    case "email":
      return <TextField {...common} type="email" inputMode="email" autocomplete="email" onInput={onInput} />;
    case "idNumber":
      return <TextField {...common} inputMode="numeric" autocomplete="off" onInput={onInput} />;
    case "integer":
    case "number":
      return (
        <TextField {...common} inputMode={field.kind === "integer" ? "numeric" : "decimal"} onInput={onInput} />
      );
    case "text":
      return <TextField {...common} autocapitalize="sentences" onInput={onInput} />;
  }
}
