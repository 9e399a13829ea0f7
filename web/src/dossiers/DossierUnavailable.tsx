import { ApiError } from "../api/client";
import { LoadError } from "../components/LoadError";
import { useI18n } from "../i18n/I18nProvider";

// A dossier that could not be loaded: unknown or out of reach (404: the server does not say
// which), or a failure worth retrying.
export function DossierUnavailable({ code, error, onRetry }: { code: string; error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  return error instanceof ApiError && error.isNotFound ? (
    <LoadError message={t.errorDossierNotFound(code)} />
  ) : (
    <LoadError onRetry={onRetry} />
  );
}
