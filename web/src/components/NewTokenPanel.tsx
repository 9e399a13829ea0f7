import { useEffect, useRef, useState } from "preact/hooks";
import { useAnnounceOnChange } from "../a11y/Announcer";
import { useI18n } from "../i18n/I18nProvider";

interface Props {
  name: string;
  token: string;
  onDone: () => void;
}

// The secret of a token just created. The server never returns it again, so this panel is the
// only chance to copy it; it is gone once dismissed or the page is left.
export function NewTokenPanel({ name, token, onDone }: Props) {
  const { t } = useI18n();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  const copyMessage = copy === "copied" ? t.copied : copy === "failed" ? t.copyFailed : null;
  useAnnounceOnChange(copyMessage);

  useEffect(() => headingRef.current?.focus(), []);

  const onCopy = () => {
    // The Clipboard API needs a secure context; select the text so copying by hand is one keystroke.
    const done = () => setCopy("copied");
    const failed = () => {
      setCopy("failed");
      inputRef.current?.select();
      inputRef.current?.focus();
    };
    if (navigator.clipboard === undefined) failed();
    else navigator.clipboard.writeText(token).then(done, failed);
  };

  return (
    <section class="new-token" aria-labelledby="new-token-heading" data-testid="new-token">
      <h3 id="new-token-heading" ref={headingRef} tabIndex={-1}>
        {t.newTokenHeading(name)}
      </h3>
      <p class="new-token__warning">{t.newTokenWarning}</p>
      <label class="field__label" for="new-token-value">
        {t.newTokenLabel}
      </label>
      <div class="new-token__row">
        <input
          ref={inputRef}
          id="new-token-value"
          class="field__input new-token__value"
          type="text"
          readOnly
          value={token}
          spellcheck={false}
          autocomplete="off"
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" class="button" onClick={onCopy}>
          {t.copy}
        </button>
      </div>
      {copyMessage !== null && <p class="new-token__status">{copyMessage}</p>}
      <button type="button" class="button button--secondary" onClick={onDone}>
        {t.newTokenDone}
      </button>
    </section>
  );
}
