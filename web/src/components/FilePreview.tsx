import { useI18n } from "../i18n/I18nProvider";

interface Props {
  // The paper's download address; it is framed with ?disposition=inline.
  url: string;
  contentType: string;
  // Names the frame or image for screen readers, e.g. the paper's name.
  title: string;
  testId?: string;
}

const inline = (url: string) => `${url}${url.includes("?") ? "&" : "?"}disposition=inline`;

// A PDF or image shown in the page, so an official reads it before acting. The server sends it
// inline for this origin's frames only; any other type is only offered as a download.
export function FilePreview({ url, contentType, title, testId }: Props) {
  const { t } = useI18n();
  const kind = contentType === "application/pdf" ? "pdf" : /^image\/(png|jpeg)$/.test(contentType) ? "image" : "other";
  return (
    <div class="file-preview" data-testid={testId} data-kind={kind}>
      {kind === "pdf" && <iframe class="file-preview__frame" src={inline(url)} title={title} loading="lazy" />}
      {kind === "image" && <img class="file-preview__image" src={inline(url)} alt={title} loading="lazy" />}
      {kind === "other" && <p class="file-preview__note">{t.previewNotAvailable}</p>}
    </div>
  );
}
