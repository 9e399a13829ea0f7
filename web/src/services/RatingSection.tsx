import { useState } from "preact/hooks";
import { ApiError } from "../api/client";
import { rateDossier } from "../api/dossiers";
import type { Dossier } from "../api/serviceTypes";
import { ChoiceGroup } from "../components/ChoiceGroup";
import { ErrorSummary } from "../components/ErrorSummary";
import { SubmitButton } from "../components/SubmitButton";
import { TextAreaField } from "../components/TextAreaField";
import { commonError, type ErrorText } from "../forms/errorText";
import { useI18n } from "../i18n/I18nProvider";

const SCORES = ["1", "2", "3", "4", "5"] as const;
// The server's limit on the comment, in characters.
const COMMENT_MAX = 1000;
type Score = (typeof SCORES)[number];

interface Props {
  dossier: Dossier;
  onRated: (rating: { score: number; comment: string }) => void;
  onSessionError: (error: unknown) => boolean;
}

// Once the result is returned the applicant may rate the service once (1 to 5 stars).
export function RatingSection({ dossier, onRated, onSessionError }: Props) {
  const { t } = useI18n();
  const [score, setScore] = useState<Score | "">("");
  const [comment, setComment] = useState("");
  const [error, setError] = useState<ErrorText | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const rating = dossier.rating;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const problem = score === "" ? "errorScoreMissing" : [...comment.trim()].length > COMMENT_MAX ? "errorRatingCommentTooLong" : null;
    if (problem !== null) {
      setError(problem);
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await rateDossier(dossier.code, Number(score), comment.trim());
      onRated({ score: Number(score), comment: comment.trim() });
    } catch (e) {
      if (onSessionError(e)) return;
      setError(e instanceof ApiError && e.status === 409 ? "errorAlreadyRated" : commonError(e));
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="section rating" aria-labelledby="rating-heading" data-testid="rating">
      <h2 id="rating-heading">{t.ratingHeading}</h2>
      {rating !== null ? (
        <p data-testid="rating-given">
          {t.ratingGiven(rating.score)}
          {rating.comment !== "" && (
            <>
              {" "}
              <q lang="vi">{rating.comment}</q>
            </>
          )}
        </p>
      ) : (
        <form class="form" noValidate onSubmit={onSubmit}>
          <ErrorSummary
            headingLevel={3}
            attempt={attempt}
            errors={
              error === null
                ? []
                : [
                    {
                      fieldId: error === "errorScoreMissing" ? "rating-score-1" : error === "errorRatingCommentTooLong" ? "rating-comment" : null,
                      text: error,
                    },
                  ]
            }
          />
          <ChoiceGroup
            name="rating-score"
            legend={t.ratingLegend}
            choices={SCORES.map((s) => ({ value: s, label: t.ratingScore(Number(s)) }))}
            value={score as Score}
            onChange={setScore}
          />
          <TextAreaField id="rating-comment" label={t.ratingCommentLabel} value={comment} onInput={setComment} rows={3} />
          <SubmitButton label={t.ratingSubmit} busyLabel={t.sending} busy={busy} />
        </form>
      )}
    </section>
  );
}
