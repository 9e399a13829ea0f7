import { useI18n } from "../i18n/I18nProvider";

const DATA_SOURCE_URL = "https://github.com/dvhcvn/20250701";

export function SiteFooter() {
  const { t } = useI18n();
  return (
    <footer class="site-footer">
      <div class="container">
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
