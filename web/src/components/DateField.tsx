import { useState } from "preact/hooks";
import { useI18n } from "../i18n/I18nProvider";
import { describedByOf, FieldError, RequiredMark, type FieldProps } from "./Field";

interface Props extends FieldProps {
  // "YYYY-MM-DD" once day, month and year are all given; "" when none is.
  value: string;
  onInput: (value: string) => void;
}

interface Parts {
  day: string;
  month: string;
  year: string;
}

function partsOf(value: string): Parts {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m === null ? { day: "", month: "", year: "" } : { day: m[3]!, month: m[2]!, year: m[1]! };
}

// What the form keeps: the ISO date when the three parts are there, "" when none is, and
// otherwise the parts as typed so the form's check reports an incomplete date rather than none.
function composed({ day, month, year }: Parts): string {
  if (day === "" && month === "" && year === "") return "";
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

// A date as three boxes, day then month then year, the way people write it on paper (GOV.UK's
// date input): no calendar widget to fight on a phone. The label names the group (fieldset); the
// day box carries the field's id, so an error summary link lands on it.
export function DateField({ id, label, hint, error, required, value, onInput }: Props) {
  const { t } = useI18n();
  const [parts, setParts] = useState<Parts>(() => partsOf(value));
  // The hint is always there: it gives the example.
  const describedBy = describedByOf(id, "", error);
  const set = (key: keyof Parts, text: string) => {
    const next = { ...parts, [key]: text.replace(/\D/g, "") };
    setParts(next);
    onInput(composed(next));
  };
  const box = (key: keyof Parts, boxId: string, boxLabel: string, length: number) => (
    <div class={`date-field__item date-field__item--${key}`}>
      <label class="date-field__label" for={boxId}>
        {boxLabel}
      </label>
      <input
        id={boxId}
        name={boxId}
        class="field__input date-field__input"
        type="text"
        inputMode="numeric"
        maxLength={length}
        autocomplete="off"
        spellcheck={false}
        value={parts[key]}
        aria-invalid={error !== undefined ? true : undefined}
        aria-required={required === true ? true : undefined}
        onInput={(event) => set(key, event.currentTarget.value)}
      />
    </div>
  );
  return (
    <div class={error !== undefined ? "field field--error" : "field"}>
      <fieldset class="date-field" aria-describedby={describedBy}>
        <legend class="field__label date-field__legend">
          {label}
          <RequiredMark required={required} />
        </legend>
        <p id={`${id}-hint`} class="field__hint">
          {hint !== undefined && (
            <>
              {hint}
              <br />
            </>
          )}
          {t.dateHint}
        </p>
        <FieldError id={`${id}-error`} error={error} />
        <div class="date-field__boxes">
          {box("day", id, t.dateDay, 2)}
          {box("month", `${id}-month`, t.dateMonth, 2)}
          {box("year", `${id}-year`, t.dateYear, 4)}
        </div>
      </fieldset>
    </div>
  );
}
