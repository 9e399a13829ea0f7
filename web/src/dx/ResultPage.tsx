import { useState } from "preact/hooks";
import { ApiError } from "../api/client";
import { LoadError } from "../components/LoadError";
import { Loading } from "../components/Loading";
import { PageHeading } from "../components/PageHeading";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import { dateTime } from "../i18n/format";
import { hrefFor } from "../routing/route";
import type { DxRoute } from "../routing/dxRoutes";
import { RequireSignIn } from "../session/RequireSignIn";
import { AnswerText } from "./AnswerText";
import { evidenceUrl, getAssessment, getFramework, getProgramme, reportUrl, reviewAssessment, type Answers, type Assessment, type Framework } from "./dxApi";
import { answerOf, draftOf, QuestionField, type Draft } from "./QuestionField";
import { RadarChart } from "./RadarChart";
import { allItems, answerable, formatVnd, tr } from "./text";

// The result at once after submission: score and level, the gap to the next level, the pillars as a
// radar with the same numbers in a table, recommendations with approved solutions and the path to
// co-funding, the comparison with peers, and, for an assessor, the review.
export function ResultPage({ route }: { route: Extract<DxRoute, { name: "dxResult" }> }) {
  const { t } = useI18n();
  useDocumentTitle(t.rHeading);
  const [state, , replace] = useResource(`result:${route.id}`, async (signal) => {
    const a = await getAssessment(route.id, signal);
    const [f, programme] = await Promise.all([getFramework(a.framework.code, a.framework.version, signal), getProgramme(signal)]);
    return { a, f, supportProcedure: programme.support_procedure };
  });
  return (
    <div class="dx-result">
      <PageHeading>{t.rHeading}</PageHeading>
      <RequireSignIn route={route}>
        {state.status === "loading" ? (
          <Loading />
        ) : state.status === "error" ? (
          <LoadError />
        ) : (
          <Result
            a={state.value.a}
            f={state.value.f}
            supportProcedure={state.value.supportProcedure}
            onReviewed={(a) => replace({ ...state.value, a })}
          />
        )}
      </RequireSignIn>
    </div>
  );
}

function Result({ a, f, supportProcedure, onReviewed }: {
  a: Assessment;
  f: Framework;
  supportProcedure: string;
  onReviewed: (a: Assessment) => void;
}) {
  const { t, lang } = useI18n();
  const fmt = (n: number) => new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB").format(n);
  const labels = a.pillars.map((p) => tr(lang, p.name));
  const values = a.pillars.map((p) => p.percent);
  const withPoints = a.pillars.some((p) => p.max_points > 0);
  const summary = a.pillars.map((p) => `${tr(lang, p.name)} ${p.percent === null ? t.rNotApplicable : `${fmt(p.percent)}%`}`).join(", ");
  return (
    <>
      <p class="dx-framework-name">{tr(lang, a.framework.name)} · {a.subject.name}</p>
      <p class="dx-status">{t.rStatus(a.status)}{a.submitted_at ? ` · ${t.rSubmittedAt} ${dateTime(lang, a.submitted_at)}` : ""}</p>
      {a.status === "draft" && (
        <p><a class="button" href={hrefFor({ name: "dxAssess", framework: "", id: a.id, page: 1 })}>{t.rContinue}</a></p>
      )}
      <div class="dx-headline">
        <div>
          <p class="dx-headline__label">{t.rScore}</p>
          <p class="dx-headline__value" data-testid="dx-score">{a.score === null ? "—" : t.rScoreOf(a.score, a.max_score)}</p>
        </div>
        {f.levels !== null && (
          <div>
            <p class="dx-headline__label">{t.rLevel}</p>
            <p class="dx-headline__value" data-testid="dx-level">{a.level ? tr(lang, a.level.name) : t.rNoLevel}</p>
          </div>
        )}
      </div>
      {f.levels !== null && a.score !== null && (
        <div class="notice" data-testid="dx-gap">
          {a.next_level_gap === null ? (
            <p>{t.rTop}</p>
          ) : (
            <>
              <p>{t.rGap(a.next_level_gap.points, tr(lang, a.next_level_gap.level.name))}</p>
              {a.next_level_gap.blocked_by.map((g) => (
                <p key={g.id}>{t.rBlocked(tr(lang, g.name))}</p>
              ))}
            </>
          )}
        </div>
      )}
      {a.self?.score !== null && a.self !== undefined && <p>{t.rSelfScore(a.self.score ?? 0)}</p>}
      {a.review_note && (
        <p><strong>{t.rReviewNote}:</strong> {a.review_note}</p>
      )}
      <h2>{t.rPillars}</h2>
      <div class="dx-pillars">
        <RadarChart labels={labels} values={values} ariaLabel={t.rChartLabel(summary)} />
        <div class="table-scroll" tabIndex={0} role="region" aria-label={t.rPillarsCaption}>
          <table class="data-table" data-testid="pillar-table">
            <caption>{t.rPillarsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.rPillar}</th>
                <th scope="col">{t.rPercent}</th>
                {withPoints && <th scope="col">{t.rPoints}</th>}
              </tr>
            </thead>
            <tbody>
              {a.pillars.map((p) => (
                <tr key={p.id} data-pillar={p.id}>
                  <th scope="row">{tr(lang, p.name)}</th>
                  <td data-percent={p.percent ?? ""}>{p.percent === null ? t.rNotApplicable : `${fmt(p.percent)}%`}</td>
                  {withPoints && <td>{p.percent === null ? "—" : `${fmt(p.points)} / ${fmt(p.max_points)}`}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <h2>{t.rRecommendations}</h2>
      {a.recommendations.length === 0 ? (
        <p>{t.rNoRecommendations}</p>
      ) : (
        <ul class="dx-recommendations" data-testid="dx-recommendations">
          {a.recommendations.map((r) => (
            <li key={r.id} data-recommendation={r.id}>
              <h3>{tr(lang, r.node.name)}{r.percent !== null ? ` (${fmt(r.percent)}%)` : ""}</h3>
              <p>{tr(lang, r.text)}</p>
              {r.solutions.length > 0 && (
                <>
                  <h4>{t.rSolutions}</h4>
                  <ul>
                    {r.solutions.map((s) => (
                      <li key={s.id} data-solution={s.id}>
                        <strong>{s.name}</strong> — {s.provider}. {t.rPrice(formatVnd(lang, s.price_range.min_vnd), formatVnd(lang, s.price_range.max_vnd))}
                        <br />
                        <a
                          class="button button--small"
                          data-testid={`apply-support-${s.id}`}
                          href={hrefFor({
                            name: "dossierNew",
                            procedure: supportProcedure,
                            place: a.subject.place,
                            placeQ: "",
                            prefill: { solution_code: s.id, assessment_id: a.id },
                          })}
                        >
                          {t.rApplySupport}
                        </a>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {a.benchmark !== null && (
        <>
          <h2>{t.rBenchmark}</h2>
          <p data-testid="dx-benchmark">
            {a.benchmark.shown ? t.rBenchmarkShown(a.benchmark.percentile, a.benchmark.peers) : t.rBenchmarkHidden(a.benchmark.min_peers)}
          </p>
        </>
      )}
      <p><a class="button button--secondary" href={reportUrl(a.id)} download>{t.rReport}</a></p>
      {a.allowed_actions.includes("review") && <ReviewPanel a={a} f={f} onReviewed={onReviewed} />}
    </>
  );
}

function ReviewPanel({ a, f, onReviewed }: { a: Assessment; f: Framework; onReviewed: (a: Assessment) => void }) {
  const { t, lang } = useI18n();
  const [corrections, setCorrections] = useState<Record<string, Draft | undefined>>({});
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const [note, setNote] = useState("");
  const [error, setError] = useState("");
  const catalogue = f.catalogues[a.subject.industry];
  const items = allItems(f).filter((i) => answerable(i) || i.source === "assessor");
  const onConfirm = async () => {
    const answers: Answers = {};
    for (const item of items) {
      if (!open[item.id]) continue;
      const v = answerOf(item, corrections[item.id]);
      if (v !== undefined) answers[item.id] = v;
    }
    try {
      onReviewed(await reviewAssessment(a.id, note, Object.keys(answers).length === 0 ? null : answers));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t.errorGeneric);
    }
  };
  return (
    <section class="dx-review" aria-labelledby="dx-review-panel">
      <h2 id="dx-review-panel">{t.aPanel}</h2>
      {error && <div class="notice notice--error" role="alert"><p>{error}</p></div>}
      {items.map((item) => (
        <div key={item.id} class="dx-review-item">
          <p>
            <strong>{tr(lang, item.text)}</strong>: <AnswerText item={item} answer={a.answers[item.id]} catalogue={catalogue} />
            {a.evidence[item.id] !== undefined && (
              <> · <a href={evidenceUrl(a.id, item.id)} target="_blank" rel="noopener">{t.evidenceOpen}</a></>
            )}
            {a.evidence_missing?.includes(item.id) === true && <> · <strong>{t.evidenceMissing}</strong></>}
          </p>
          {open[item.id] ? (
            <QuestionField item={item} value={corrections[item.id] ?? draftOf(a.answers[item.id])} catalogue={catalogue} error={undefined}
              onChange={(v) => setCorrections((c) => ({ ...c, [item.id]: v }))} />
          ) : (
            <button type="button" class="button button--small button--secondary" onClick={() => setOpen((o) => ({ ...o, [item.id]: true }))}>
              {t.aCorrect}
            </button>
          )}
        </div>
      ))}
      <div class="field">
        <label class="field__label" for="dx-review-note">{t.aNote}</label>
        <textarea id="dx-review-note" class="field__input" maxLength={2000} value={note} onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)} />
      </div>
      <button type="button" class="button" data-testid="dx-confirm" onClick={onConfirm}>{t.aConfirm}</button>
    </section>
  );
}
