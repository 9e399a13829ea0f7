import { useI18n } from "../i18n/I18nProvider";
import { hrefFor } from "../routing/route";
import { ProvincesSection } from "./ProvincesSection";

// Where a national administrator starts: the jobs of the role, then the 34 provinces, each opening
// on its agencies.
export function NationalAdminStart() {
  const { t } = useI18n();
  const tasks = [
    { href: "#admin-import-heading", label: t.adminStartImport, hint: t.adminStartImportHint },
    { href: hrefFor({ name: "audit", actor: "", action: "", objectType: "", objectId: "", from: "", to: "" }), label: t.navAudit, hint: t.adminStartAuditHint },
    { href: "#/data", label: t.adminStartAlerts, hint: t.adminStartAlertsHint },
    { href: "#/open-data", label: t.navOpenData, hint: t.adminStartOpenDataHint },
  ];
  return (
    <>
      <section class="section" aria-labelledby="admin-start-heading" data-testid="admin-start">
        <h2 id="admin-start-heading">{t.adminStartHeading}</h2>
        <ul class="task-list">
          {tasks.map((task) => (
            <li key={task.href} class="task-list__item">
              <a
                href={task.href}
                onClick={(event) => {
                  // In-page: the import form below, focused (hash routing would read it as a page).
                  if (!task.href.startsWith("#admin-")) return;
                  event.preventDefault();
                  document.getElementById(task.href.slice(1))?.scrollIntoView();
                  document.getElementById(task.href.slice(1))?.focus();
                }}
              >
                {task.label}
              </a>
              <p class="task-list__hint">{task.hint}</p>
            </li>
          ))}
        </ul>
      </section>
      <ProvincesSection
        heading={t.adminStartProvinces}
        linkFor={(p) => hrefFor({ name: "admin", q: "", place: p.code, agency: "" })}
      />
    </>
  );
}
