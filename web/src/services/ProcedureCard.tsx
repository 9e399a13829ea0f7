import type { ProcedureSummary } from "../api/serviceTypes";
import { channelLabel, levelLabel } from "../dossiers/labels";
import { feeText, timeLimitText } from "../dossiers/procedureText";
import { useI18n } from "../i18n/I18nProvider";
import { hrefFor } from "../routing/route";

// One procedure in the catalogue: name, code, level, and per channel the time limit and fee in force
// today (online first, as this is where it is submitted from). `href`: where its name leads (its
// page by default).
export function ProcedureCard({ procedure, href }: { procedure: ProcedureSummary; href?: string | undefined }) {
  const { t } = useI18n();
  const p = procedure;
  const channels = [...p.channels].sort((a, b) => (a.kind === "online" ? -1 : b.kind === "online" ? 1 : 0));
  return (
    <li class="procedure-card" data-testid="procedure">
      <h3 class="procedure-card__name">
        <a href={href ?? hrefFor({ name: "procedure", code: p.code })} lang="vi">
          {p.name}
        </a>
      </h3>
      <p class="procedure-card__meta">
        <span>{t.codeValue(p.code)}</span>
        <span aria-hidden="true"> · </span>
        <span>{levelLabel(t, p.level)}</span>
        <span aria-hidden="true"> · </span>
        <span lang="vi">{p.sector}</span>
        {p.online_level === "full" && (
          <>
            {" "}
            <span class="tag tag--online">{t.fullyOnline}</span>
          </>
        )}
      </p>
      <ul class="procedure-card__channels">
        {channels.map((c) => (
          <li key={c.kind}>
            <span class="procedure-card__channel">{channelLabel(t, c.kind)}:</span> {timeLimitText(t, c.in_force.time_limit)}
            <span aria-hidden="true"> · </span>
            {feeText(t, c.in_force.fee_vnd)}
          </li>
        ))}
      </ul>
    </li>
  );
}
