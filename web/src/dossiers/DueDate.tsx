import { useI18n } from "../i18n/I18nProvider";

// A due date, flagged when it has passed without a result ("Quá hạn").
export function DueDate({ at, overdue }: { at: string | null; overdue: boolean }) {
  const { t } = useI18n();
  return (
    <span class="due-date">
      {at === null ? t.dueNotSet : t.serviceTime(at)}
      {overdue && (
        <>
          {" "}
          <span class="tag tag--overdue" data-testid="overdue">
            {t.overdue}
          </span>
        </>
      )}
    </span>
  );
}
