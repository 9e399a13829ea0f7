import { useAnnounce } from "../a11y/Announcer";
import { getAgency } from "../api/admin";
import { ApiError } from "../api/client";
import type { Official, RoleGrant } from "../api/types";
import { focusOfficial } from "../admin/officialFocus";
import { useOfficialList } from "../admin/useOfficialList";
import { LoadError } from "../components/LoadError";
import { LoadMoreButton } from "../components/LoadMoreButton";
import { Loading } from "../components/Loading";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import { useSessionExpiry } from "../session/useSessionExpiry";
import { CreateOfficialForm } from "./CreateOfficialForm";
import { OfficialCard } from "./OfficialCard";

const HEADING_ID = "admin-officials-heading";

export function OfficialsSection({ agencyCode, roles }: { agencyCode: string; roles: RoleGrant[] }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const onSessionError = useSessionExpiry();
  const [agency] = useResource(`agency:${agencyCode}`, (signal) => getAgency(agencyCode, signal));
  const list = useOfficialList(agencyCode, onSessionError);
  const agencyName = agency.status === "ready" ? agency.value.name : agencyCode;
  // 404: the agency is unknown or outside the caller's scope (the server does not say which).
  const outOfScope = list.status === "error" && list.error instanceof ApiError && list.error.isNotFound;

  const onCreated = (official: Official) => {
    list.added(official);
    announce(t.adminOfficialCreated(official.display_name));
    // The new official is first in the list; land there, ready to grant a role.
    window.setTimeout(() => focusOfficial(official.id), 0);
  };

  return (
    <section class="section" aria-labelledby={HEADING_ID}>
      <h2 id={HEADING_ID}>
        {t.adminOfficialsHeading} <span lang="vi">{agencyName}</span>
      </h2>
      {list.status === "loading" && <Loading />}
      {outOfScope && <p class="notice notice--error">{t.adminAgencyOutOfScope}</p>}
      {list.status === "error" && !outOfScope && <LoadError onRetry={list.reload} />}
      {list.status === "ready" && (
        <>
          {list.items.length === 0 ? (
            <p class="notice">{t.adminOfficialsNone}</p>
          ) : (
            <ul class="official-list" aria-labelledby={HEADING_ID} data-testid="officials">
              {list.items.map((official) => (
                <OfficialCard
                  key={official.id}
                  official={official}
                  agencyCode={agencyCode}
                  placeCode={agency.status === "ready" ? agency.value.place_code : null}
                  adminRoles={roles}
                  list={list}
                  onSessionError={onSessionError}
                />
              ))}
            </ul>
          )}
          {list.hasMore && <LoadMoreButton busy={list.loadingMore} onClick={list.loadMore} />}
          <CreateOfficialForm agencyCode={agencyCode} onCreated={onCreated} onSessionError={onSessionError} />
        </>
      )}
    </section>
  );
}
