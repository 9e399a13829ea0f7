import { useI18n } from "../i18n/I18nProvider";

export function LoadError({ message, onRetry }: { message?: string; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div class="notice notice--error" role="alert">
      <p>{message ?? t.errorGeneric}</p>
      {onRetry !== undefined && (
        <button type="button" class="button button--secondary" onClick={onRetry}>
          {t.retry}
        </button>
      )}
    </div>
  );
}
