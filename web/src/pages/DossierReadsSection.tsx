import { type DossierRead, dossierReadsExportUrl, listDossierReads, personalDataUrl } from "../api/dataTracker";
import { DataTable } from "../components/DataTable";
import { ExportButtons } from "../components/ExportButtons";
import { LoadError } from "../components/LoadError";
import { LoadMoreButton } from "../components/LoadMoreButton";
import { Loading } from "../components/Loading";
import { usePagedList } from "../hooks/usePagedList";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor } from "../routing/route";

const HEADING_ID = "dossier-reads-heading";

// Who read my dossiers: every time an official opened one of them or one of its papers, newest
// first, from the audit log (the citizen's data tracker).
export function DossierReadsSection() {
  const { t, lang } = useI18n();
  const list = usePagedList("dossier-reads", (cursor, signal) => listDossierReads(cursor, signal));
  const what = (r: DossierRead) =>
    r.what === "document" && r.document !== undefined ? t.readsWhatDocument(r.document.name) : t.readsWhatView;
  return (
    <section class="section" aria-labelledby={HEADING_ID} data-testid="dossier-reads">
      <h2 id={HEADING_ID}>{t.readsHeading}</h2>
      <p class="section__intro">{t.readsIntro}</p>
      <p>
        <a href={personalDataUrl} download="du-lieu-cua-toi.json" data-testid="personal-data-download">
          {t.personalDataDownload}
        </a>
      </p>
      {(list.status === "loading" || list.status === "idle") && <Loading />}
      {list.status === "error" && <LoadError onRetry={list.reload} />}
      {list.status === "ready" && list.items.length === 0 && <p data-testid="dossier-reads-none">{t.readsNone}</p>}
      {list.status === "ready" && list.items.length > 0 && (
        <>
          <p class="section__count" data-testid="dossier-reads-count">
            {t.readsCount(list.total)}
          </p>
          <ExportButtons label={t.readsExportLabel} testId="dossier-reads-export" url={(format) => dossierReadsExportUrl(format, lang)} />
          <DataTable labelledBy={HEADING_ID} columns={[t.readsColWhen, t.readsColDossier, t.readsColWhat, t.readsColOfficial, t.readsColAgency]}>
            {list.items.map((r, i) => (
              <tr key={`${r.at}:${i}`} data-testid="dossier-read">
                <td>{t.serviceTime(r.at)}</td>
                <td>
                  <a href={hrefFor({ name: "dossier", code: r.dossier, submitted: false })}>{r.dossier}</a>
                </td>
                <td lang="vi">{what(r)}</td>
                <td lang="vi">{r.official.name}</td>
                <td lang="vi">{r.official.agency}</td>
              </tr>
            ))}
          </DataTable>
          {list.error !== null && <LoadError onRetry={list.loadMore} />}
          {list.hasMore && <LoadMoreButton busy={list.loadingMore} onClick={list.loadMore} />}
        </>
      )}
    </section>
  );
}
