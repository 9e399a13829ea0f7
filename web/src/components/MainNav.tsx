import { useI18n } from "../i18n/I18nProvider";
import { isAdmin } from "../admin/adminRoles";
import { canReadAudit } from "../audit/auditRoles";
import { useEffect, useState } from "preact/hooks";
import { pageKey, type Route } from "../routing/route";
import { useSession } from "../session/SessionProvider";
import { hasWorkspace, isApplicant } from "../workspace/workspaceRoles";

interface NavItem {
  id: string;
  href: string;
  label: string;
  isCurrent: (route: Route) => boolean;
}

export function MainNav({ route }: { route: Route }) {
  const { t } = useI18n();
  const { state } = useSession();
  const roles = state.status === "signedIn" ? state.roles : null;
  // New sections are added here as further entries.
  const items: NavItem[] = [
    { id: "home", href: "#/", label: t.navHome, isCurrent: (r) => r.name === "home" },
    {
      id: "procedures",
      href: "#/procedures",
      label: t.navProcedures,
      isCurrent: (r) => r.name === "procedures" || r.name === "procedure" || r.name === "dossierNew",
    },
    // Citizens and businesses: their own dossiers.
    ...(isApplicant(roles)
      ? [
          {
            id: "dossiers",
            href: "#/dossiers",
            label: t.navMyDossiers,
            isCurrent: (r: Route) => r.name === "dossiers" || r.name === "dossier" || r.name === "dossierEdit",
          },
        ]
      : []),
    // Officials: their queue.
    ...(hasWorkspace(roles)
      ? [
          {
            id: "workspace",
            href: "#/workspace",
            label: t.navWorkspace,
            isCurrent: (r: Route) =>
              r.name === "workspace" || r.name === "workspaceDossier" || r.name === "counter" || r.name === "counterNew",
          },
        ]
      : []),
    { id: "dx", href: "#/dx", label: t.navDx, isCurrent: (r) => r.name.startsWith("dx") },
    { id: "data", href: "#/data", label: t.navData, isCurrent: (r) => r.name === "data" || r.name === "dataQuality" },
    { id: "open-data", href: "#/open-data", label: t.navOpenData, isCurrent: (r) => r.name.startsWith("openData") },
    { id: "track", href: "#/track", label: t.navTrack, isCurrent: (r) => r.name === "track" },
    { id: "verify", href: "#/verify", label: t.navVerify, isCurrent: (r) => r.name === "verify" },
    {
      id: "places",
      href: "#/places",
      label: t.navPlaces,
      isCurrent: (r) => r.name === "places" || r.name === "province",
    },
    // Shown only to administrators; the server checks every request regardless.
    ...(isAdmin(roles)
      ? [{ id: "admin", href: "#/admin", label: t.navAdmin, isCurrent: (r: Route) => r.name === "admin" }]
      : []),
    ...(canReadAudit(roles)
      ? [{ id: "audit", href: "#/audit", label: t.navAudit, isCurrent: (r: Route) => r.name === "audit" }]
      : []),
  ];
  // On narrow screens the list folds behind a menu button (CSS shows the button only there); a new
  // page folds it again.
  const [open, setOpen] = useState(false);
  const page = pageKey(route);
  useEffect(() => setOpen(false), [page]);
  return (
    <nav class={open ? "main-nav main-nav--open" : "main-nav"} aria-label={t.mainNavLabel}>
      <button
        type="button"
        class="main-nav__toggle"
        aria-expanded={open}
        aria-controls="main-nav-list"
        onClick={() => setOpen(!open)}
      >
        {open ? t.menuClose : t.menuOpen}
      </button>
      <ul id="main-nav-list">
        {items.map((item) => (
          <li key={item.id}>
            <a href={item.href} aria-current={item.isCurrent(route) ? "page" : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
