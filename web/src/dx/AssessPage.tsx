import { useState } from "preact/hooks";
import { ApiError } from "../api/client";
import { listPlaces } from "../api/places";
import { ErrorSummary } from "../components/ErrorSummary";
import { LoadError } from "../components/LoadError";
import { Loading } from "../components/Loading";
import { PageHeading } from "../components/PageHeading";
import type { FormError } from "../forms/FormError";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor } from "../routing/route";
import { navigate } from "../routing/router";
import type { DxRoute } from "../routing/dxRoutes";
import { RequireSignIn } from "../session/RequireSignIn";
import {
  createAssessment,
  getAssessment,
  getFramework,
  saveAssessment,
  type Answers,
  type Assessment,
  type Framework,
} from "./dxApi";
import { answerOf, draftOf, QuestionField, type Draft } from "./QuestionField";
import { AnswerText } from "./AnswerText";
import { EvidenceField } from "./EvidenceField";
import { answerable, itemsOf, tr } from "./text";

type AssessRoute = Extract<DxRoute, { name: "dxAssess" }>;

// The questionnaire: the subject first, then one pillar per page, saved at every step, then a page to
// check the answers and submit. Resumable: a draft's edit link opens where its answers stand.
export function AssessPage({ route }: { route: AssessRoute }) {
  const { t } = useI18n();
  useDocumentTitle(t.qHeading);
  return (
    <div class="dx-assess">
      <PageHeading>{t.qHeading}</PageHeading>
      <RequireSignIn route={route}>
        {route.id === "" ? <SubjectStep frameworkId={route.framework} /> : <Pillars route={route} />}
      </RequireSignIn>
    </div>
  );
}

function SubjectStep({ frameworkId }: { frameworkId: string }) {
  const { t, lang } = useI18n();
  const [framework] = useResource(`fw:${frameworkId}`, (signal) => getFramework(frameworkId, null, signal));
  const [provinces] = useResource("provinces", (signal) => listPlaces({ level: "province", limit: 100 }, signal));
  const [industry, setIndustry] = useState("");
  const [size, setSize] = useState("");
  const [place, setPlace] = useState("");
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  if (framework.status === "loading" || provinces.status === "loading") return <Loading />;
  if (framework.status === "error" || provinces.status === "error") return <LoadError />;
  const f = framework.value;
  const sizes = f.applies_to.sizes.length > 0 ? f.applies_to.sizes : ["micro", "small", "medium", "large"];
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if ((f.industries.length > 0 && industry === "") || size === "" || place === "") {
      setErrors([{ fieldId: "dx-industry", text: { detail: t.errorSubjectMissing } }]);
      setAttempt((a) => a + 1);
      return;
    }
    setBusy(true);
    try {
      const created = await createAssessment({ framework: f.id, industry, size, place, answers: {} });
      navigate({ name: "dxAssess", framework: "", id: created.id, page: 1 });
    } catch (error) {
      setErrors([{ fieldId: "dx-industry", text: { detail: error instanceof ApiError ? error.message : t.errorGeneric } }]);
      setAttempt((a) => a + 1);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={errors} attempt={attempt} />
      <h2>{t.qSubjectHeading}</h2>
      <p class="dx-framework-name">{tr(lang, f.name)}</p>
      {f.industries.length > 0 && (
        <div class="field">
          <label class="field__label" for="dx-industry">{t.qIndustry}</label>
          <select id="dx-industry" class="field__input" value={industry} onChange={(e) => setIndustry((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t.qChoose}</option>
            {f.industries.map((i) => (
              <option key={i.id} value={i.id}>{tr(lang, i.name)}</option>
            ))}
          </select>
        </div>
      )}
      <div class="field">
        <label class="field__label" for="dx-size">{t.qSize}</label>
        <select id="dx-size" class="field__input" value={size} onChange={(e) => setSize((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{t.qChoose}</option>
          {sizes.map((s) => (
            <option key={s} value={s}>{t.sizeLabel(s)}</option>
          ))}
        </select>
      </div>
      <div class="field">
        <label class="field__label" for="dx-place">{t.qPlace}</label>
        <select id="dx-place" class="field__input" value={place} onChange={(e) => setPlace((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{t.qChoose}</option>
          {provinces.value.items.map((p) => (
            <option key={p.code} value={p.code}>{p.name}</option>
          ))}
        </select>
      </div>
      <div class="button-row">
        <button type="submit" class="button" data-testid="dx-start" aria-disabled={busy}>{t.qStartButton}</button>
      </div>
    </form>
  );
}

function Pillars({ route }: { route: AssessRoute }) {
  const [state] = useResource(`assess:${route.id}`, async (signal) => {
    const a = await getAssessment(route.id, signal);
    return { a, f: await getFramework(a.framework.code, a.framework.version, signal) };
  });
  if (state.status === "loading") return <Loading />;
  if (state.status === "error") return <LoadError />;
  if (state.value.a.status !== "draft") {
    navigate({ name: "dxResult", id: route.id }, { replace: true });
    return null;
  }
  return <PillarForm key={route.id} route={route} assessment={state.value.a} framework={state.value.f} />;
}

function PillarForm({ route, assessment, framework }: { route: AssessRoute; assessment: Assessment; framework: Framework }) {
  const { t, lang } = useI18n();
  const [drafts, setDrafts] = useState<Record<string, Draft | undefined>>(() =>
    Object.fromEntries(Object.entries(assessment.answers).map(([k, v]) => [k, draftOf(v)])),
  );
  const [errors, setErrors] = useState<FormError[]>([]);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [current, setCurrent] = useState(assessment);
  const pillars = framework.nodes;
  const reviewPage = pillars.length + 1;
  const page = Math.min(route.page, reviewPage);
  const catalogue = framework.catalogues[assessment.subject.industry];

  const allAnswers = (): Answers => {
    const out: Answers = {};
    for (const node of pillars)
      for (const item of itemsOf(node).filter(answerable)) {
        const a = answerOf(item, drafts[item.id]);
        if (a !== undefined && (drafts[item.id] !== undefined || a !== undefined)) out[item.id] = a;
      }
    return out;
  };
  const fail = (list: FormError[], byField: Record<string, string>) => {
    setErrors(list);
    setFieldErrors(byField);
    setAttempt((n) => n + 1);
  };
  const save = async (submit: boolean, next: () => void) => {
    if (busy) return;
    setBusy(true);
    try {
      await saveAssessment(assessment.id, allAnswers(), submit);
      setErrors([]);
      setFieldErrors({});
      next();
    } catch (error) {
      const field = error instanceof ApiError ? error.field : undefined;
      const itemId = field?.startsWith("answers.") ? field.slice(8) : undefined;
      const message = error instanceof ApiError ? error.message : t.errorGeneric;
      fail([{ fieldId: itemId ? `q-${itemId}` : null, text: { detail: message } }], itemId ? { [itemId]: message } : {});
    } finally {
      setBusy(false);
    }
  };

  if (page === reviewPage) {
    return (
      <section aria-labelledby="dx-review-heading">
        <ErrorSummary errors={errors} attempt={attempt} />
        <h2 id="dx-review-heading">{t.qReviewHeading}</h2>
        {pillars.map((node, i) => (
          <div key={node.id} class="dx-review-pillar">
            <h3>{tr(lang, node.name)}</h3>
            <dl class="details">
              {itemsOf(node).filter(answerable).map((item) => (
                <div class="details__row" key={item.id}>
                  <dt>{tr(lang, item.text)}</dt>
                  <dd>
                    <AnswerText item={item} answer={answerOf(item, drafts[item.id])} catalogue={catalogue} />{" "}
                    <a href={hrefFor({ name: "dxAssess", framework: "", id: assessment.id, page: i + 1 })}>
                      {t.qChange}
                      <span class="visually-hidden"> {tr(lang, item.text)}</span>
                    </a>
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
        <div class="button-row">
          <a class="button button--secondary" href={hrefFor({ name: "dxAssess", framework: "", id: assessment.id, page: reviewPage - 1 })}>
            {t.qBack}
          </a>
          <button type="button" class="button" data-testid="dx-submit" aria-disabled={busy}
            onClick={() => save(true, () => navigate({ name: "dxResult", id: assessment.id }))}>
            {t.qSubmit}
          </button>
        </div>
      </section>
    );
  }

  const node = pillars[page - 1];
  if (node === undefined) return <LoadError />;
  const items = itemsOf(node);
  const onNext = (e: Event) => {
    e.preventDefault();
    const missing = items.filter(answerable).filter((item) => answerOf(item, drafts[item.id]) === undefined);
    if (missing.length > 0) {
      fail(
        missing.map((item) => ({ fieldId: `q-${item.id}`, text: { detail: `${tr(lang, item.text)}: ${t.errorAnswerMissing}` } })),
        Object.fromEntries(missing.map((item) => [item.id, t.errorAnswerMissing])),
      );
      return;
    }
    void save(false, () => navigate({ name: "dxAssess", framework: "", id: assessment.id, page: page + 1 }));
  };
  return (
    <form onSubmit={onNext} noValidate>
      <ErrorSummary errors={errors} attempt={attempt} />
      <p class="dx-progress" data-testid="dx-progress">
        {t.qPillarProgress(page, pillars.length)}
        <progress max={pillars.length} value={page - 1} aria-hidden="true" />
      </p>
      <h2 data-testid="dx-pillar">{tr(lang, node.name)}</h2>
      {items.map((item) =>
        answerable(item) ? (
          <div key={item.id}>
            <QuestionField
              item={item}
              value={drafts[item.id]}
              catalogue={catalogue}
              error={fieldErrors[item.id]}
              onChange={(v) => setDrafts((d) => ({ ...d, [item.id]: v }))}
            />
            {item.evidence_required && <EvidenceField assessment={current} item={item.id} onAttached={setCurrent} />}
          </div>
        ) : (
          <p key={item.id} class="dx-readonly">
            {tr(lang, item.text)} — {item.source === "assessor" ? t.fwByAssessor : t.fwAutomatic}
          </p>
        ),
      )}
      <div class="button-row">
        {page > 1 && (
          <a class="button button--secondary" href={hrefFor({ name: "dxAssess", framework: "", id: assessment.id, page: page - 1 })}>
            {t.qBack}
          </a>
        )}
        <button type="submit" class="button" data-testid="dx-next" aria-disabled={busy}>{t.qNext}</button>
      </div>
    </form>
  );
}
