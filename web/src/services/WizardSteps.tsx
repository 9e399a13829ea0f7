import { useI18n } from "../i18n/I18nProvider";
import { hrefFor } from "../routing/route";
import type { WizardStep } from "../routing/serviceRoutes";

const STEPS: readonly WizardStep[] = ["form", "documents", "review"];

// Where the applicant is in the wizard. Steps are links once the draft exists (`code`).
export function WizardSteps({ current, code }: { current: WizardStep; code: string | null }) {
  const { t } = useI18n();
  const label = (step: WizardStep) =>
    step === "form" ? t.wizardStepForm : step === "documents" ? t.wizardStepDocuments : t.wizardStepReview;
  return (
    <nav class="wizard-steps" aria-label={t.wizardStepsLabel}>
      <ol>
        {STEPS.map((step, index) => {
          const text = `${index + 1}. ${label(step)}`;
          const isCurrent = step === current;
          return (
            <li key={step} class={isCurrent ? "wizard-steps__item wizard-steps__item--current" : "wizard-steps__item"}>
              {code === null || isCurrent ? (
                <span aria-current={isCurrent ? "step" : undefined}>{text}</span>
              ) : (
                <a href={hrefFor({ name: "dossierEdit", code, step })}>{text}</a>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
