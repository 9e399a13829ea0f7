import { useI18n } from "../i18n/I18nProvider";
import type { Route } from "../routing/route";
import { AccountLink } from "./AccountLink";
import { LanguageSwitch } from "./LanguageSwitch";
import { MainNav } from "./MainNav";
import { NotificationBell } from "../services/NotificationBell";

export function SiteHeader({ route }: { route: Route }) {
  const { t } = useI18n();
  return (
    <header class="site-header">
      <div class="container site-header__bar">
        <a class="brand" href="#/">
          <img class="brand__mark" src="/favicon.svg" alt="" width="36" height="36" />
          <span class="brand__text">
            <span class="brand__name">{t.productName}</span>
            <span class="brand__tagline">{t.tagline}</span>
          </span>
        </a>
        <div class="site-header__tools">
          <NotificationBell route={route} />
          <AccountLink route={route} />
          <LanguageSwitch />
        </div>
      </div>
      <div class="container">
        <MainNav route={route} />
      </div>
    </header>
  );
}
