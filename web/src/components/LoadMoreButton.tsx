import { useI18n } from "../i18n/I18nProvider";

export function LoadMoreButton({ busy, onClick }: { busy: boolean; onClick: () => void }) {
  const { t } = useI18n();
  // aria-disabled instead of disabled keeps keyboard focus on the button while loading.
  return (
    <button
      type="button"
      class="button button--secondary load-more"
      aria-disabled={busy}
      onClick={() => {
        if (!busy) onClick();
      }}
    >
      {busy ? t.loading : t.loadMore}
    </button>
  );
}
