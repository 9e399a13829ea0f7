import { formFieldId, listCount, listItemNodes, type FormList, type FormNode } from "../dossiers/formSchema";
import type { FormValues } from "../dossiers/formValues";
import { useI18n } from "../i18n/I18nProvider";
import { SchemaField } from "./SchemaField";

interface Props {
  nodes: readonly FormNode[];
  values: FormValues;
  errors: Readonly<Record<string, string>>;
  onInput: (path: string, value: string) => void;
  onAdd: (list: FormList) => void;
  onRemove: (list: FormList, index: number) => void;
}

// The generated form: fields in schema order, nested objects as fieldsets with their title, and
// arrays of objects as lists the applicant adds items to (and removes them from).
export function FormNodes(props: Props) {
  const { t } = useI18n();
  const { nodes, values, errors, onInput } = props;
  return (
    <>
      {nodes.map((node) => {
        if ("field" in node) {
          return (
            <SchemaField
              key={node.field.path}
              field={node.field}
              value={values[node.field.path] ?? ""}
              error={errors[node.field.path]}
              onInput={(value) => onInput(node.field.path, value)}
            />
          );
        }
        if ("group" in node) {
          return (
            <fieldset key={node.group.path} class="form-group">
              <legend class="form-group__legend">{node.group.title}</legend>
              {node.group.description !== undefined && <p class="field__hint">{node.group.description}</p>}
              <FormNodes {...props} nodes={node.group.fields} />
            </fieldset>
          );
        }
        const list = node.list;
        const count = listCount(values, list.path);
        const full = list.maxItems !== undefined && count >= list.maxItems;
        const addId = `${formFieldId(list.path)}-add`;
        return (
          <fieldset key={list.path} class="form-group form-list" data-testid="form-list">
            <legend class="form-group__legend">{list.title}</legend>
            {list.description !== undefined && <p class="field__hint">{list.description}</p>}
            {Array.from({ length: count }, (_, i) => (
              <fieldset key={i} class="form-group form-list__item">
                <legend class="form-group__legend">{`${list.itemTitle} ${i + 1}`}</legend>
                <FormNodes {...props} nodes={listItemNodes(list, i)} />
                <button
                  type="button"
                  class="button button--secondary button--danger"
                  onClick={() => {
                    props.onRemove(list, i);
                    // The button is gone with its item: land on "add", which stays.
                    window.setTimeout(() => document.getElementById(addId)?.focus(), 0);
                  }}
                >
                  {t.removeListItem(`${list.itemTitle} ${i + 1}`)}
                </button>
              </fieldset>
            ))}
            <button
              id={addId}
              type="button"
              class="button button--secondary"
              aria-disabled={full}
              onClick={() => {
                if (full) return;
                props.onAdd(list);
                // Straight to the new item's first input.
                const first = listItemNodes(list, count)[0];
                if (first !== undefined && "field" in first) {
                  window.setTimeout(() => document.getElementById(formFieldId(first.field.path))?.focus(), 0);
                }
              }}
            >
              {t.addListItem(list.itemTitle)}
            </button>
            {full && <p class="field__hint">{t.listFull(list.maxItems ?? count)}</p>}
          </fieldset>
        );
      })}
    </>
  );
}
