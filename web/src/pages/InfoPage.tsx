import { PageHeading } from "../components/PageHeading";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useI18n } from "../i18n/I18nProvider";
import type { InfoTopic } from "../i18n/portalMessages";
import { hrefFor } from "../routing/route";

// The pages the footer links to: contact, the privacy notice and the accessibility statement.
export function InfoPage({ topic }: { topic: InfoTopic }) {
  const { t } = useI18n();
  const page = t.info[topic];
  useDocumentTitle(page.title);
  return (
    <article class="info-page">
      <PageHeading>{page.title}</PageHeading>
      <p class="lead">{page.intro}</p>
      {page.sections.map((section) => (
        <section key={section.heading}>
          <h2>{section.heading}</h2>
          {section.paragraphs.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </section>
      ))}
      {topic === "contact" && (
        <ul class="link-list">
          <li>
            <a href={hrefFor({ name: "places", q: "" })}>{t.homePlacesLink}</a>
          </li>
          <li>
            <a href={hrefFor({ name: "track", code: "" })}>{t.navTrack}</a>
          </li>
        </ul>
      )}
    </article>
  );
}
