import { useI18n } from "../i18n/I18nProvider";
import { isAdmin } from "../admin/adminRoles";
import type { Route } from "../routing/route";
import { useSession } from "../session/SessionProvider";

interface NavItem {
  id: string;
  href: string;
  label: string;
  isCurrent: (route: Route) => boolean;
}

export function MainNav({ route }: { route: Route }) {
  const { t } = useI18n();
  const { state } = useSession();
  // New sections are added here as further entries.
  const items: NavItem[] = [
    {
      id: "places",
      href: "#/",
      label: t.navPlaces,
      isCurrent: (r) => r.name === "places" || r.name === "province",
    },
    // Shown only to administrators; the server checks every request regardless.
    ...(state.status === "signedIn" && isAdmin(state.roles)
      ? [{ id: "admin", href: "#/admin", label: t.navAdmin, isCurrent: (r: Route) => r.name === "admin" }]
      : []),
  ];
  return (
    <nav class="main-nav" aria-label={t.mainNavLabel}>
      <ul>
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
