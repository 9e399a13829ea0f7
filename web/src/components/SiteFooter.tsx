import { useI18n } from "../i18n/I18nProvider";
import { hrefFor } from "../routing/route";

const DATA_SOURCE_URL = "https://github.com/dvhcvn/20250701";

export function SiteFooter() {
  const { t } = useI18n();
  return (
    <footer class="site-footer">
      <div class="container">
        <ul class="site-footer__links">
          <li>
            <a href={hrefFor({ name: "info", topic: "contact" })}>{t.footerContact}</a>
          </li>
          <li>
            <a href={hrefFor({ name: "info", topic: "privacy" })}>{t.footerPrivacy}</a>
          </li>
          <li>
            <a href={hrefFor({ name: "info", topic: "accessibility" })}>{t.footerAccessibility}</a>
          </li>
        </ul>
        <p>{t.footerData}</p>
        <p>
          <a href={DATA_SOURCE_URL} rel="external noreferrer">
            {t.footerSourceLink}: github.com/dvhcvn/20250701
          </a>
        </p>
      </div>
    </footer>
  );
}
