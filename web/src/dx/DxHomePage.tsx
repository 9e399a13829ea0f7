import { LoadError } from "../components/LoadError";
import { Loading } from "../components/Loading";
import { PageHeading } from "../components/PageHeading";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor } from "../routing/route";
import { useSession } from "../session/SessionProvider";
import { listFrameworks } from "./dxApi";
import { tr } from "./text";

// The programme's front page: the frameworks, a start button for enterprises, and the registers.
export function DxHomePage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t.dxHeading);
  const { state } = useSession();
  const roles = state.status === "signedIn" ? (state.roles ?? []) : [];
  const business = roles.some((r) => r.role === "business_representative");
  const assessor = roles.some((r) => r.role === "assessor");
  const [frameworks] = useResource("frameworks", (signal) => listFrameworks(signal));
  const subject = (s: string) =>
    s === "enterprise" ? t.subjectEnterprise : s === "province" ? t.subjectProvince : s === "agency" ? t.subjectAgency : t.subjectCommune;
  return (
    <div class="dx-home">
      <PageHeading>{t.dxHeading}</PageHeading>
      <p>{t.dxIntro}</p>
      <ul class="dx-links-list">
        {state.status === "signedIn" && <li><a href={hrefFor({ name: "dxHistory" })}>{t.dxHistoryLink}</a></li>}
        {assessor && <li><a href={hrefFor({ name: "dxReview" })}>{t.dxReviewLink}</a></li>}
        <li><a href={hrefFor({ name: "dxSolutions", industry: "", q: "" })}>{t.dxSolutionsLink}</a></li>
      </ul>
      <h2>{t.dxFrameworksHeading}</h2>
      {frameworks.status === "loading" && <Loading />}
      {frameworks.status === "error" && <LoadError />}
      {frameworks.status === "ready" && (
        <ul class="dx-frameworks">
          {frameworks.value.items.map((f) => (
            <li key={f.id} class="dx-card" data-framework={f.id}>
              <h3>{tr(lang, f.name)}</h3>
              <p>
                {subject(f.subject_type)}
                {f.sizes.length > 0 ? ` (${f.sizes.map(t.sizeLabel).join(", ")})` : ""} · {t.dxVersion(f.version)} ·{" "}
                {t.dxItemsCount(f.items)} · {t.dxMaxScore(f.max_score)}
              </p>
              <p class="button-row">
                <a class="button button--secondary" href={hrefFor({ name: "dxFramework", id: f.id, version: null })}>{t.dxView}</a>
                {f.subject_type === "enterprise" && business && (
                  <a class="button" data-testid={`dx-start-${f.id}`} href={hrefFor({ name: "dxAssess", framework: f.id, id: "", page: 0 })}>
                    {t.dxStart}
                  </a>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {state.status !== "signedIn" && <p class="field__hint">{t.dxSignInToAssess}</p>}
    </div>
  );
}
