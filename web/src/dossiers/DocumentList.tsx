import { dossierFileUrl } from "../api/dossiers";
import type { DossierDocument } from "../api/serviceTypes";
import { FilePreview } from "../components/FilePreview";
import { useI18n } from "../i18n/I18nProvider";
import { fileSizeText } from "./fileText";
import { documentSourceLabel } from "./labels";

interface Props {
  code: string;
  documents: readonly DossierDocument[];
  labelledBy: string;
  // Officials read each paper in the page (PDF and images), not only as a download.
  preview?: boolean;
}

// The dossier's papers, each a link to the stored file (GET .../documents/{component}).
export function DocumentList({ code, documents, labelledBy, preview = false }: Props) {
  const { t } = useI18n();
  return (
    <ul class="admin-list" aria-labelledby={labelledBy} data-testid="documents">
      {documents.map((doc) => (
        <li key={doc.component} class="admin-list__item">
          <a href={dossierFileUrl.document(code, doc.component)} lang="vi" class="admin-list__name">
            {doc.name}
          </a>
          <span class="admin-list__meta">
            {fileSizeText(t, doc.size)}
            <span aria-hidden="true"> · </span>
            {documentSourceLabel(t, doc.source)}
            <span aria-hidden="true"> · </span>
            {t.addedAt(t.serviceTime(doc.added_at))}
          </span>
          {preview && (
            <FilePreview
              url={dossierFileUrl.document(code, doc.component)}
              contentType={doc.content_type}
              title={t.documentPreviewTitle(doc.name)}
              testId="document-preview"
            />
          )}
        </li>
      ))}
    </ul>
  );
}
