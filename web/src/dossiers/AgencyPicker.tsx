import { useEffect, useState } from "preact/hooks";
import { listAgencies } from "../api/admin";
import { isAbortError } from "../api/client";
import type { Agency } from "../api/types";
import { TextField } from "../components/TextField";
import { useI18n } from "../i18n/I18nProvider";

interface Props {
  id: string;
  error: string | undefined;
  // The chosen agency's code, "" until one is chosen.
  value: string;
  onChange: (code: string) => void;
}

const SHOWN = 8;

// The receiving agency of a transfer, found by its name (accents optional, as the server folds
// them) and chosen from the matches; the code is what is sent.
export function AgencyPicker({ id, error, value, onChange }: Props) {
  const { t } = useI18n();
  const [query, setQuery] = useState("");
  const [matches, setMatches] = useState<Agency[] | null>(null);
  const [chosen, setChosen] = useState<Agency | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) return setMatches(null);
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      listAgencies("", null, controller.signal, q, SHOWN).then(
        (page) => setMatches(page.items),
        (e: unknown) => {
          if (!isAbortError(e)) setMatches([]);
        },
      );
    }, 250);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  if (chosen !== null && value === chosen.code) {
    return (
      <div class="field agency-picker" data-testid="agency-chosen">
        <p class="field__label" id={`${id}-chosen`}>
          {t.targetAgencyLabel}
        </p>
        <p lang="vi">
          <strong>{chosen.name}</strong> <span class="agency-picker__code">({chosen.code})</span>
        </p>
        <button
          type="button"
          class="button button--secondary button--small"
          id={id}
          onClick={() => {
            setChosen(null);
            onChange("");
          }}
        >
          {t.targetAgencyChangeChoice}
        </button>
      </div>
    );
  }
  return (
    <div class="agency-picker">
      <TextField
        id={id}
        label={t.targetAgencyLabel}
        hint={t.targetAgencyHint}
        error={error}
        required
        value={query}
        onInput={setQuery}
        autocomplete="off"
      />
      {matches !== null && (
        <div aria-live="polite">
          {matches.length === 0 ? (
            <p class="agency-picker__none">{t.targetAgencyNoMatch}</p>
          ) : (
            <ul class="agency-picker__list" aria-label={t.targetAgencyMatches} data-testid="agency-matches">
              {matches.map((a) => (
                <li key={a.code}>
                  <button
                    type="button"
                    class="agency-picker__choice"
                    onClick={() => {
                      setChosen(a);
                      onChange(a.code);
                    }}
                  >
                    <span lang="vi">{a.name}</span> <span class="agency-picker__code">({a.code})</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
