import { listCount, listCountKey, listItemNodes, type FormField, type FormNode } from "./formSchema";

// What the inputs hold: text, by dotted path ("members.1.full_name"), plus each list's item count
// under "<path>[]". The form object sent to the server is built from it with the schema's types;
// empty inputs are left out.
export type FormValues = Record<string, string>;

function read(form: unknown, path: string): unknown {
  let value: unknown = form;
  for (const part of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export function toValues(nodes: readonly FormNode[], form: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  const walk = (list: readonly FormNode[]) => {
    for (const node of list) {
      if ("field" in node) {
        const value = read(form, node.field.path);
        values[node.field.path] = value === undefined || value === null ? "" : String(value);
      } else if ("group" in node) {
        walk(node.group.fields);
      } else {
        const items = read(form, node.list.path);
        const count = Array.isArray(items) ? items.length : 0;
        values[listCountKey(node.list.path)] = String(count);
        for (let i = 0; i < count; i += 1) walk(listItemNodes(node.list, i));
      }
    }
  };
  walk(nodes);
  return values;
}

function typed(field: FormField, text: string): unknown {
  switch (field.kind) {
    case "integer":
    case "number": {
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
    case "boolean":
      return text === "true";
    default:
      return text;
  }
}

export function toForm(nodes: readonly FormNode[], values: FormValues): Record<string, unknown> {
  const build = (list: readonly FormNode[]): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const node of list) {
      const name = (path: string) => path.slice(path.lastIndexOf(".") + 1);
      if ("field" in node) {
        const text = (values[node.field.path] ?? "").trim();
        if (text !== "") out[name(node.field.path)] = typed(node.field, text);
      } else if ("group" in node) {
        const inner = build(node.group.fields);
        if (Object.keys(inner).length > 0) out[name(node.group.path)] = inner;
      } else {
        const count = listCount(values, node.list.path);
        if (count > 0) {
          out[name(node.list.path)] = Array.from({ length: count }, (_, i) => build(listItemNodes(node.list, i)));
        }
      }
    }
    return out;
  };
  return build(nodes);
}

// Adds an empty item at the end of a list.
export function addListItem(values: FormValues, path: string): FormValues {
  return { ...values, [listCountKey(path)]: String(listCount(values, path) + 1) };
}

// Removes item `index` of a list; the later items (and their nested values) move up by one.
export function removeListItem(values: FormValues, path: string, index: number): FormValues {
  const count = listCount(values, path);
  const prefix = `${path}.`;
  const next: FormValues = {};
  for (const [key, value] of Object.entries(values)) {
    if (!key.startsWith(prefix)) {
      next[key] = value;
      continue;
    }
    const rest = key.slice(prefix.length);
    const dot = rest.indexOf(".");
    const position = Number(dot < 0 ? rest : rest.slice(0, dot));
    if (!Number.isInteger(position) || position === index) continue;
    next[position > index ? `${prefix}${position - 1}${dot < 0 ? "" : rest.slice(dot)}` : key] = value;
  }
  next[listCountKey(path)] = String(Math.max(0, count - 1));
  return next;
}
