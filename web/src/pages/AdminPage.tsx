import { useEffect } from "preact/hooks";
import { getAgency } from "../api/admin";
import { getMe } from "../api/auth";
import { ApiError, isAbortError } from "../api/client";
import { homeScope, isAdmin } from "../admin/adminRoles";
import { LoadError } from "../components/LoadError";
import { Loading } from "../components/Loading";
import { Notice } from "../components/Notice";
import { PageHeading } from "../components/PageHeading";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import type { Route } from "../routing/route";
import { navigate } from "../routing/router";
import { useSession } from "../session/SessionProvider";
import { useSessionExpiry } from "../session/useSessionExpiry";
import { AgenciesSection } from "./AgenciesSection";
import { ImportOfficialsSection } from "./ImportOfficialsSection";
import { OfficialsSection } from "./OfficialsSection";
import { NationalAdminStart } from "./NationalAdminStart";
import { PlacePicker } from "./PlacePicker";

type AdminRoute = Extract<Route, { name: "admin" }>;

export function AdminPage({ route }: { route: AdminRoute }) {
  const { t } = useI18n();
  useDocumentTitle(t.adminHeading);
  const { signedIn } = useSession();
  const onSessionError = useSessionExpiry();
  // Asked afresh (not taken from the header's session) so a role granted or revoked since
  // sign-in counts; it also restores the CSRF token after a reload.
  const [me, reload] = useResource("me", (signal) => getMe(signal));
  const unauthenticated = me.status === "error" && me.error instanceof ApiError && me.error.isUnauthenticated;
  const roles = me.status === "ready" ? me.value.roles : null;
  const allowed = isAdmin(roles);

  useEffect(() => {
    if (me.status === "ready") signedIn(me.value.display_name, me.value.csrf_token, me.value.roles);
    else if (me.status === "error") onSessionError(me.error);
  }, [me, signedIn, onSessionError]);

  // With nothing chosen yet, open on the administrator's own agency or province.
  const unchosen = route.place === "" && route.agency === "" && route.q === "";
  useEffect(() => {
    if (!unchosen || roles === null || !allowed) return;
    const home = homeScope(roles);
    if (home === null) return;
    if ("place" in home) {
      navigate({ ...route, place: home.place }, { replace: true });
      return;
    }
    const controller = new AbortController();
    getAgency(home.agency, controller.signal).then(
      (agency) => navigate({ ...route, place: agency.place_code, agency: agency.code }, { replace: true }),
      (error: unknown) => {
        if (!isAbortError(error)) navigate({ ...route, agency: home.agency }, { replace: true });
      },
    );
    return () => controller.abort();
  }, [unchosen, roles, allowed]);

  return (
    <div class="admin-page">
      <PageHeading>{t.adminHeading}</PageHeading>
      {(me.status === "loading" || unauthenticated) && <Loading />}
      {me.status === "error" && !unauthenticated && <LoadError onRetry={reload} />}
      {roles !== null && !allowed && (
        <Notice kind="error">{t.adminNoAccess}</Notice>
      )}
      {roles !== null && allowed && (
        <>
          <p class="lead">{t.adminIntro}</p>
          <PlacePicker route={route} />
          {unchosen && homeScope(roles) === null && <NationalAdminStart />}
          {route.place !== "" && <AgenciesSection route={route} roles={roles} />}
          {route.agency !== "" && (
            <OfficialsSection key={route.agency} agencyCode={route.agency} roles={roles} />
          )}
          <ImportOfficialsSection onSessionError={onSessionError} />
        </>
      )}
    </div>
  );
}
