import { useEffect, useRef } from "preact/hooks";
import { errorText } from "../forms/errorText";
import type { FormError } from "../forms/FormError";
import { useI18n } from "../i18n/I18nProvider";

interface Props {
  errors: FormError[];
  // Changes on every failed submit, so focus returns here even when the errors are the same.
  attempt: number;
  // 3 when the form sits in a section under an h2, 4 under an h3.
  headingLevel?: 2 | 3 | 4;
}

// Listed at the top of a form after a failed submit and focused, so keyboard and screen reader
// users hear every problem at once; each entry links to its field.
export function ErrorSummary({ errors, attempt, headingLevel = 2 }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const shown = errors.length > 0;

  useEffect(() => {
    if (shown) ref.current?.focus();
    // Only a new submit moves focus, not a re-render (e.g. a language switch).
  }, [attempt]);

  if (!shown) return null;
  return (
    // Focus lands on the box; the inner alert makes screen readers read it out when it appears.
    <div ref={ref} class="error-summary" tabIndex={-1} data-testid="error-summary">
      <div role="alert">
        {headingLevel === 2 ? (
          <h2 class="error-summary__title">{t.errorSummaryTitle}</h2>
        ) : headingLevel === 3 ? (
          <h3 class="error-summary__title">{t.errorSummaryTitle}</h3>
        ) : (
          <h4 class="error-summary__title">{t.errorSummaryTitle}</h4>
        )}
      <ul class="error-summary__list">
        {errors.map((e) => (
          <li key={`${e.fieldId ?? ""}:${errorText(t, e.text)}`}>
            {e.fieldId === null ? (
              errorText(t, e.text)
            ) : (
              <a href={`#${e.fieldId}`} onClick={(event) => focusField(event, e.fieldId)}>
                {errorText(t, e.text)}
              </a>
            )}
          </li>
        ))}
      </ul>
      </div>
    </div>
  );
}

// With hash routing, following href="#id" would change the route; move focus instead.
function focusField(event: MouseEvent, id: string | null): void {
  event.preventDefault();
  if (id !== null) document.getElementById(id)?.focus();
}
