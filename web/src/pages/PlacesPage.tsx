import { PageHeading } from "../components/PageHeading";
import { SearchForm } from "../components/SearchForm";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useI18n } from "../i18n/I18nProvider";
import { navigate } from "../routing/router";
import { ProvincesSection } from "./ProvincesSection";
import { SearchSection } from "./SearchSection";

export function PlacesPage({ q }: { q: string }) {
  const { t } = useI18n();
  useDocumentTitle(t.placesHeading);
  return (
    <>
      <PageHeading>{t.placesHeading}</PageHeading>
      <p class="lead">{t.placesIntro}</p>
      <SearchForm
        id="place-search"
        label={t.searchLabel}
        hint={t.searchHint}
        buttonLabel={t.searchButton}
        query={q}
        onQuery={(next) => navigate({ name: "places", q: next }, { replace: true })}
      />
      {q === "" ? <ProvincesSection /> : <SearchSection q={q} />}
    </>
  );
}
