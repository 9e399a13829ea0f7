import type { ProcedureComponent } from "../api/serviceTypes";
import { DataTable } from "../components/DataTable";
import { copyKindLabel } from "../dossiers/labels";
import { useI18n } from "../i18n/I18nProvider";

// The papers a dossier is made of: original or copy, required or not, and the official form.
export function ComponentsTable({ components, labelledBy }: { components: readonly ProcedureComponent[]; labelledBy: string }) {
  const { t } = useI18n();
  return (
    <DataTable
      labelledBy={labelledBy}
      testId="components"
      columns={[t.colComponent, t.colCopyKind, t.colRequired, t.colFormTemplate]}
    >
      {components.map((c) => (
        <tr key={c.id}>
          <th scope="row" lang="vi">
            {c.name}
          </th>
          <td>{copyKindLabel(t, c.copy_kind)}</td>
          <td>{c.required ? t.documentRequired : t.documentOptional}</td>
          <td lang="vi">{c.form_template === "" ? t.notGiven : c.form_template}</td>
        </tr>
      ))}
    </DataTable>
  );
}
