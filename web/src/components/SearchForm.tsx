import { useEffect, useRef, useState } from "preact/hooks";
import { useDebouncedCallback } from "../hooks/useDebouncedCallback";

interface Props {
  id: string;
  label: string;
  hint?: string;
  buttonLabel: string;
  query: string;
  onQuery: (q: string) => void;
}

const TYPING_DELAY_MS = 300;

// Searches as you type (debounced) and on submit. `query` is the value held in the URL.
export function SearchForm({ id, label, hint, buttonLabel, query, onQuery }: Props) {
  const [value, setValue] = useState(query);
  const lastSent = useRef(query);

  // Follow the URL only when it changed from outside (back button, link),
  // never because of our own debounced update, so typing is not overwritten.
  useEffect(() => {
    if (query !== lastSent.current) {
      lastSent.current = query;
      setValue(query);
    }
  }, [query]);

  const send = (q: string) => {
    lastSent.current = q;
    onQuery(q);
  };
  const debounced = useDebouncedCallback(send, TYPING_DELAY_MS);
  const hintId = `${id}-hint`;

  return (
    <form
      role="search"
      class="search-form"
      onSubmit={(event) => {
        event.preventDefault();
        debounced.cancel();
        send(value.trim());
      }}
    >
      <label class="search-form__label" for={id}>
        {label}
      </label>
      {hint !== undefined && (
        <p id={hintId} class="search-form__hint">
          {hint}
        </p>
      )}
      <div class="search-form__row">
        <input
          id={id}
          name="q"
          type="search"
          class="search-form__input"
          value={value}
          autocomplete="off"
          spellcheck={false}
          aria-describedby={hint !== undefined ? hintId : undefined}
          onInput={(event) => {
            const next = event.currentTarget.value;
            setValue(next);
            debounced.run(next.trim());
          }}
        />
        <button type="submit" class="button">
          {buttonLabel}
        </button>
      </div>
    </form>
  );
}
