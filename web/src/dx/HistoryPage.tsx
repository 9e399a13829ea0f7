import { useI18n } from "../i18n/I18nProvider";
import type { DxRoute } from "../routing/dxRoutes";
import { SignedInPage } from "../session/SignedInPage";
import { AssessmentList } from "./AssessmentList";
import { listMyAssessments, listReviewQueue } from "./dxApi";

// The reader's own assessments, oldest first: progress over time.
export function HistoryPage({ route }: { route: Extract<DxRoute, { name: "dxHistory" }> }) {
  const { t } = useI18n();
  return (
    <SignedInPage route={route} title={t.hHeading}>
      <AssessmentList listKey="mine" label={t.hHeading} fetchPage={listMyAssessments} empty={t.hEmpty} progress />
    </SignedInPage>
  );
}

// The accredited assessor's queue: submitted assessments of their province.
export function ReviewQueuePage({ route }: { route: Extract<DxRoute, { name: "dxReview" }> }) {
  const { t } = useI18n();
  return (
    <SignedInPage route={route} title={t.aHeading}>
      <AssessmentList listKey="review" label={t.aHeading} fetchPage={listReviewQueue} empty={t.aEmpty} progress={false} />
    </SignedInPage>
  );
}
