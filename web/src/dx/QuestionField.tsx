import { useI18n } from "../i18n/I18nProvider";
import type { Catalogue, Item } from "./dxApi";
import { tr } from "./text";

// What the form holds for an item: an option id, ids, the typed number, or "na".
export type Draft = string | string[];

interface Props {
  item: Item;
  value: Draft | undefined;
  catalogue: Catalogue | undefined;
  error: string | undefined;
  onChange: (value: Draft) => void;
}

const NA = "na";

// One question as a fieldset: its choices (or number), and "not applicable" for every item.
export function QuestionField({ item, value, catalogue, error, onChange }: Props) {
  const { t, lang } = useI18n();
  const id = `q-${item.id}`;
  const list = Array.isArray(value) ? value : [];
  const toggle = (option: string, on: boolean) => {
    const next = list.filter((x) => x !== option && !(x.includes("+") && x.split("+").includes(option) && !on));
    onChange(on ? [...next, option] : next);
  };
  const na = value === NA;
  const naBox = (
    <label class="choice">
      <input
        class="choice__input"
        type="checkbox"
        checked={na}
        onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked ? NA : [])}
      />
      <span class="choice__label">{t.qNotApplicable}</span>
    </label>
  );
  const describedBy = `${item.help ? `${id}-help ` : ""}${error ? `${id}-error` : ""}`.trim() || undefined;
  return (
    <fieldset class="choice-group dx-question" id={id} data-item={item.id} aria-describedby={describedBy} tabIndex={-1}>
      <legend class="choice-group__legend">
        {tr(lang, item.text)}
        {item.evidence_required && <span class="dx-tag"> ({t.fwEvidence})</span>}
      </legend>
      {item.help && (
        <p class="field__hint" id={`${id}-help`}>
          {tr(lang, item.help)}
        </p>
      )}
      {error && (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {item.kind === "single_choice" &&
        (item.options ?? []).map((o) => (
          <label class="choice" key={o.id}>
            <input
              class="choice__input"
              type="radio"
              name={id}
              value={o.id}
              checked={value === o.id}
              onChange={() => onChange(o.id)}
            />
            <span class="choice__label">{tr(lang, o.label)}</span>
          </label>
        ))}
      {item.kind === "multiple_choice" &&
        (item.options ?? []).map((o) => (
          <label class="choice" key={o.id}>
            <input
              class="choice__input"
              type="checkbox"
              value={o.id}
              checked={list.includes(o.id)}
              onChange={(e) => toggle(o.id, (e.currentTarget as HTMLInputElement).checked)}
            />
            <span class="choice__label">{tr(lang, o.label)}</span>
          </label>
        ))}
      {item.kind === "numeric" && (
        <div class="field">
          <label class="field__label" for={`${id}-number`}>
            {t.qNumberHint(item.min, item.max, item.unit)}
          </label>
          <input
            id={`${id}-number`}
            class="field__input dx-number"
            type="number"
            inputMode="decimal"
            min={item.min}
            max={item.max}
            step="any"
            disabled={na}
            value={typeof value === "string" && value !== NA ? value : ""}
            onInput={(e) => onChange((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
      )}
      {item.kind === "checklist" && catalogue && (
        <>
          {catalogue.tools.map((tool) => (
            <label class="choice" key={tool.id}>
              <input
                class="choice__input"
                type="checkbox"
                value={tool.id}
                checked={list.includes(tool.id)}
                onChange={(e) => toggle(tool.id, (e.currentTarget as HTMLInputElement).checked)}
              />
              <span class="choice__label">{tr(lang, tool.name)}</span>
            </label>
          ))}
          {catalogue.links.some((l) => l.tools.every((x) => list.includes(x))) && (
            <fieldset class="choice-group dx-links">
              <legend class="choice-group__legend">{t.qLinksLegend}</legend>
              {catalogue.links
                .filter((l) => l.tools.every((x) => list.includes(x)))
                .map((l) => {
                  const linkId = l.tools.join("+");
                  const names = l.tools.map((x) => tr(lang, catalogue.tools.find((tool) => tool.id === x)?.name));
                  return (
                    <label class="choice" key={linkId}>
                      <input
                        class="choice__input"
                        type="checkbox"
                        value={linkId}
                        checked={list.includes(linkId)}
                        onChange={(e) => toggle(linkId, (e.currentTarget as HTMLInputElement).checked)}
                      />
                      <span class="choice__label">{t.qLinked(names[0] ?? "", names[1] ?? "")}</span>
                    </label>
                  );
                })}
            </fieldset>
          )}
        </>
      )}
      {naBox}
    </fieldset>
  );
}

// The answer the API takes, or undefined when the item has none yet.
// An untouched list of checkboxes is "none of these", not a missing answer.
export function answerOf(item: Item, draft: Draft | undefined): string | string[] | number | undefined {
  if (draft === undefined) return item.kind === "multiple_choice" || item.kind === "checklist" ? [] : undefined;
  if (draft === NA) return NA;
  if (item.kind === "numeric") {
    if (typeof draft !== "string" || draft.trim() === "") return undefined;
    const n = Number(draft);
    return Number.isFinite(n) ? n : undefined;
  }
  if (item.kind === "single_choice") return typeof draft === "string" && draft !== "" ? draft : undefined;
  return Array.isArray(draft) ? draft : undefined;
}

// The form's value for a stored answer.
export function draftOf(answer: string | string[] | number | undefined): Draft | undefined {
  if (answer === undefined) return undefined;
  if (typeof answer === "number") return String(answer);
  return answer;
}
