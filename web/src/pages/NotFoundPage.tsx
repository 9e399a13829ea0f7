import { PageHeading } from "../components/PageHeading";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useI18n } from "../i18n/I18nProvider";

export function NotFoundPage() {
  const { t } = useI18n();
  useDocumentTitle(t.notFoundHeading);
  return (
    <>
      <PageHeading>{t.notFoundHeading}</PageHeading>
      <p>{t.notFoundBody}</p>
      <p>
        <a href="#/">{t.goHome}</a>
      </p>
    </>
  );
}
