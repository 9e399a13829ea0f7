import { ApiError } from "../api/client";
import { getPlace } from "../api/places";
import { LoadError } from "../components/LoadError";
import { PageHeading } from "../components/PageHeading";
import { PlaceMeta } from "../components/PlaceMeta";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor } from "../routing/route";
import { CommunesSection } from "./CommunesSection";
import { PlaceServicesSections } from "./PlaceServicesSections";

export function ProvincePage({ code, q }: { code: string; q: string }) {
  const { t } = useI18n();
  const [province, reload] = useResource(code, (signal) => getPlace(code, signal));
  const notFound =
    province.status === "error" && province.error instanceof ApiError && province.error.isNotFound;
  useDocumentTitle(province.status === "ready" ? province.value.name : t.navPlaces);

  return (
    <>
      <nav class="breadcrumb" aria-label={t.breadcrumbLabel}>
        <a href={hrefFor({ name: "places", q: "" })}>{t.backToProvinces}</a>
      </nav>
      {/* One stable <h1> node across loading/ready, so focus moved to it is not lost. */}
      <div class="page-title">
        <PageHeading lang={province.status === "ready" ? "vi" : undefined}>
          {province.status === "ready"
            ? province.value.name
            : notFound
              ? t.notFoundHeading
              : t.loading}
        </PageHeading>
        {province.status === "ready" && (
          <p class="page-title__meta">
            <PlaceMeta place={province.value} />
          </p>
        )}
      </div>
      {notFound && <LoadError message={t.errorNotFoundPlace(code)} />}
      {province.status === "error" && !notFound && <LoadError onRetry={reload} />}
      {/* A commune has no units below it: its page is its agencies and the procedures handled there. */}
      {province.status === "ready" && province.value.level !== "commune" && <CommunesSection code={code} q={q} />}
      {province.status === "ready" && <PlaceServicesSections code={code} />}
    </>
  );
}
