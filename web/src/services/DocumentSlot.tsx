import { useState } from "preact/hooks";
import { useAnnounce } from "../a11y/Announcer";
import { deleteDocument, dossierFileUrl, reuseResult, uploadDocument } from "../api/dossiers";
import type { DossierDocument, IssuedResult, ProcedureComponent, StoredDocument } from "../api/serviceTypes";
import { FileField } from "../components/FileField";
import { SelectField } from "../components/SelectField";
import { DEFAULT_TYPES, fileSizeText, typeNames } from "../dossiers/fileText";
import { copyKindLabel, documentSourceLabel } from "../dossiers/labels";
import { errorText, commonError } from "../forms/errorText";
import { useI18n } from "../i18n/I18nProvider";
import { uploadErrorText } from "./uploadErrorText";

interface Props {
  code: string;
  component: ProcedureComponent;
  document: DossierDocument | undefined;
  // The applicant's earlier results this component accepts instead of an upload.
  candidates: readonly IssuedResult[];
  uploadLimit: number | undefined;
  // The server's complaint about this component at submission, if any.
  fault: string | null;
  onChanged: (component: ProcedureComponent, document: StoredDocument | null) => void;
  // A file chosen but not (yet) stored: uploading, or refused; null once stored or discarded.
  onPending: (component: ProcedureComponent, file: File | null) => void;
  onSessionError: (error: unknown) => boolean;
}

type Failure = { what: "upload" | "reuse" | "remove"; error: unknown } | { what: "tooLarge" | "noResult" };

// One paper of the dossier: what is attached, an upload (raw file body, sent as soon as the file
// is chosen), or an earlier result. A chosen file that could not be stored stays shown, with its
// name and size, until it is stored or discarded, and the step cannot be left while it is.
export function DocumentSlot({ code, component, document, candidates, uploadLimit, fault, onChanged, onPending, onSessionError }: Props) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [file, setFile] = useState<File | null>(null);
  const [chosenResult, setChosenResult] = useState("");
  const [busy, setBusy] = useState<"upload" | "reuse" | "remove" | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  // A new key empties the file input once its file is stored or discarded.
  const [inputKey, setInputKey] = useState(0);
  const id = `document-${component.id}`;
  const types = component.accepted_types.length === 0 ? DEFAULT_TYPES : component.accepted_types;

  const choose = (chosen: File | null) => {
    setFile(chosen);
    onPending(component, chosen);
    setFailure(null);
    if (chosen === null) return;
    if (uploadLimit !== undefined && chosen.size > uploadLimit) return setFailure({ what: "tooLarge" });
    void run("upload", () => uploadDocument(code, component.id, chosen));
  };
  const discard = () => {
    setFile(null);
    onPending(component, null);
    setFailure(null);
    setInputKey((k) => k + 1);
  };

  const run = async (what: "upload" | "reuse" | "remove", request: () => Promise<StoredDocument | null>) => {
    if (busy !== null) return;
    setBusy(what);
    setFailure(null);
    try {
      const doc = await request();
      onChanged(component, doc);
      announce(doc === null ? t.documentRemoved(component.name) : t.documentAttached(component.name));
      if (what === "upload") discard();
    } catch (error) {
      if (!onSessionError(error)) setFailure({ what, error });
    } finally {
      setBusy(null);
    }
  };

  const onReuse = (event: Event) => {
    event.preventDefault();
    if (chosenResult === "") return setFailure({ what: "noResult" });
    void run("reuse", () => reuseResult(code, component.id, chosenResult));
  };

  const failureText = (f: Failure): string => {
    switch (f.what) {
      case "tooLarge":
        return t.errorFileTooLargeLimit(fileSizeText(t, uploadLimit ?? 0));
      case "noResult":
        return t.errorResultMissing;
      case "upload":
        return uploadErrorText(t, f.error, uploadLimit);
      default:
        return errorText(t, commonError(f.error));
    }
  };
  const uploadError =
    failure !== null && (failure.what === "upload" || failure.what === "tooLarge")
      ? failureText(failure)
      : fault !== null && document === undefined
        ? t.errorDocumentMissing
        : fault !== null
          ? fault
          : undefined;
  const hint = [
    t.acceptedTypes(typeNames(types).join(", ")),
    ...(uploadLimit === undefined ? [] : [t.uploadLimit(fileSizeText(t, uploadLimit))]),
  ].join(" ");

  return (
    <li class="document-slot" data-testid="document-slot" data-component={component.id}>
      <section aria-labelledby={`${id}-heading`}>
        <h3 id={`${id}-heading`} class="document-slot__name" lang="vi">
          {component.name}
        </h3>
        <p class="document-slot__meta">
          <span class={component.required ? "tag tag--required" : "tag"}>
            {component.required ? t.documentRequired : t.documentOptional}
          </span>{" "}
          {copyKindLabel(t, component.copy_kind)}
          {component.form_template !== "" && (
            <>
              <span aria-hidden="true"> · </span>
              {t.formTemplate} <span lang="vi">{component.form_template}</span>
            </>
          )}
        </p>
        {document === undefined ? (
          <p class="document-slot__none">{t.documentNone}</p>
        ) : (
          <div class="document-slot__current" data-testid="attached">
            <p>
              {t.documentAttachedLabel}{" "}
              <a href={dossierFileUrl.document(code, component.id)} lang="vi">
                {component.name}
              </a>{" "}
              ({fileSizeText(t, document.size)}, {documentSourceLabel(t, document.source)})
            </p>
            <button
              type="button"
              class="button button--secondary"
              aria-disabled={busy === "remove"}
              onClick={() => void run("remove", async () => (await deleteDocument(code, component.id), null))}
            >
              {busy === "remove" ? t.removing : t.removeDocument}
              <span class="visually-hidden"> {component.name}</span>
            </button>
            {failure?.what === "remove" && (
              <p class="field__error" role="alert">
                {failureText(failure)}
              </p>
            )}
          </div>
        )}
        <div class="document-slot__form">
          <FileField
            key={inputKey}
            id={`${id}-file`}
            label={document === undefined ? t.chooseFile : t.replaceFile}
            hint={hint}
            error={uploadError}
            accept={types.join(",")}
            required={component.required && document === undefined}
            onChange={choose}
          />
          {uploadError !== undefined && failure !== null && (
            <p class="visually-hidden" role="alert">
              {uploadError}
            </p>
          )}
        </div>
        {file !== null && (
          <div class={busy === "upload" ? "document-slot__chosen" : "document-slot__chosen document-slot__chosen--failed"} data-testid="chosen-file">
            <p>
              {busy === "upload" ? t.uploadingFile(file.name, fileSizeText(t, file.size)) : t.chosenNotStored(file.name, fileSizeText(t, file.size))}
            </p>
            {busy !== "upload" && (
              <p class="button-row">
                {failure?.what === "upload" && (
                  <button type="button" class="button button--secondary" onClick={() => choose(file)}>
                    {t.retryUpload}
                    <span class="visually-hidden"> {component.name}</span>
                  </button>
                )}
                <button type="button" class="button button--secondary" onClick={discard}>
                  {t.discardFile}
                  <span class="visually-hidden"> {component.name}</span>
                </button>
              </p>
            )}
          </div>
        )}
        {candidates.length > 0 && (
          <form class="document-slot__form" noValidate onSubmit={onReuse}>
            <SelectField
              id={`${id}-reuse`}
              label={t.reuseResultLabel}
              hint={t.reuseResultHint}
              error={failure?.what === "reuse" || failure?.what === "noResult" ? failureText(failure) : undefined}
              value={chosenResult}
              options={[
                { value: "", label: t.selectPlaceholder },
                ...candidates.map((r) => ({ value: r.dossier, label: `${r.title} – ${r.dossier} (${t.serviceTime(r.issued_at)})` })),
              ]}
              onChange={setChosenResult}
            />
            <button type="submit" class="button button--secondary" aria-disabled={busy === "reuse"}>
              {busy === "reuse" ? t.saving : t.reuseResult}
            </button>
          </form>
        )}
      </section>
    </li>
  );
}
