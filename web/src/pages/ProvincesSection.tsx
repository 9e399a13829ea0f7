import { listPlaces } from "../api/places";
import { useAnnounceOnChange } from "../a11y/Announcer";
import { LoadError } from "../components/LoadError";
import { LoadMoreButton } from "../components/LoadMoreButton";
import { Loading } from "../components/Loading";
import type { Place } from "../api/types";
import { ProvinceGrid } from "../components/ProvinceGrid";
import { usePagedList } from "../hooks/usePagedList";
import { useI18n } from "../i18n/I18nProvider";

// All 34 fit in one page; the cursor is still honoured in case the server pages smaller.
const PROVINCE_PAGE_SIZE = 100;

export function ProvincesSection({ linkFor, heading }: { linkFor?: (province: Place) => string; heading?: string } = {}) {
  const { t } = useI18n();
  const list = usePagedList("provinces", (cursor, signal) =>
    listPlaces({ level: "province", cursor, limit: PROVINCE_PAGE_SIZE }, signal),
  );
  const count = list.status === "ready" ? t.provincesCount(list.total) : null;
  useAnnounceOnChange(count);

  return (
    <section class="section" aria-labelledby="provinces-heading">
      <div class="section__head">
        <h2 id="provinces-heading">{heading ?? t.provincesHeading}</h2>
        {count !== null && <p class="section__count">{count}</p>}
      </div>
      {list.status === "loading" && <Loading />}
      {list.status === "error" && <LoadError onRetry={list.reload} />}
      {list.status === "ready" && (
        <>
          <ProvinceGrid provinces={list.items} labelledBy="provinces-heading" linkFor={linkFor} />
          {list.error !== null && <LoadError onRetry={list.loadMore} />}
          {list.hasMore && <LoadMoreButton busy={list.loadingMore} onClick={list.loadMore} />}
        </>
      )}
    </section>
  );
}
