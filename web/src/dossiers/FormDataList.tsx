import { useMemo } from "preact/hooks";
import type { JsonSchema } from "../api/serviceTypes";
import { DetailRow } from "../components/DetailRow";
import { useI18n } from "../i18n/I18nProvider";
import { plainDate } from "../i18n/format";
import { formFields, formNodes, type FormField, type FormNode } from "./formSchema";
import { toValues } from "./formValues";

// Titles of the nested objects a field sits in ("Thông tin người cha – Họ và tên"); list items
// carry their own context ("Thành viên 2").
function groupTitles(nodes: readonly FormNode[], path: string): string[] {
  for (const node of nodes) {
    if ("group" in node && path.startsWith(`${node.group.path}.`)) {
      return [node.group.title, ...groupTitles(node.group.fields, path)];
    }
  }
  return [];
}

// The applicant's answers, labelled with the schema's titles, in the form's order; with
// `changeHref`, each row links back to its input ("Thay đổi").
export function FormDataList({
  schema,
  form,
  changeHref,
}: {
  schema: JsonSchema;
  form: Record<string, unknown>;
  changeHref?: (path: string) => string;
}) {
  const { t, lang } = useI18n();
  const nodes = useMemo(() => formNodes(schema), [schema]);
  const values = useMemo(() => toValues(nodes, form), [nodes, form]);
  const fields = useMemo(() => formFields(nodes, values), [nodes, values]);
  const shown = (field: FormField, raw: string) => {
    if (raw === "") return t.notGiven;
    if (field.kind === "date") return plainDate(lang, raw);
    if (field.kind === "boolean") return raw === "true" ? t.yes : t.no;
    return raw;
  };
  return (
    <dl class="details" data-testid="form-data">
      {fields.map((field) => {
        const label = [...groupTitles(nodes, field.path), ...(field.context === undefined ? [] : [field.context]), field.title].join(" – ");
        return (
          <DetailRow key={field.path} label={label} action={changeHref === undefined ? undefined : <ChangeLink href={changeHref(field.path)} what={label} />}>
            <span lang="vi">{shown(field, values[field.path] ?? "")}</span>
          </DetailRow>
        );
      })}
    </dl>
  );
}

// "Thay đổi", naming what it changes for screen readers.
export function ChangeLink({ href, what }: { href: string; what: string }) {
  const { t } = useI18n();
  return (
    <a href={href}>
      {t.changeAnswer}
      <span class="visually-hidden"> {what}</span>
    </a>
  );
}
