import type { JsonSchema } from "../api/serviceTypes";

export type FieldKind = "text" | "textarea" | "date" | "email" | "idNumber" | "integer" | "number" | "select" | "boolean";

// One input of the dossier form, flattened out of the JSON Schema. `path` is the member's
// dotted path in the form object ("child_full_name", "father.full_name", "members.0.full_name").
export interface FormField {
  path: string;
  kind: FieldKind;
  title: string;
  // Where the field sits when its title alone is ambiguous ("Thành viên 2"), for error messages.
  context: string | undefined;
  description: string | undefined;
  required: boolean;
  options: readonly string[];
  minLength: number | undefined;
  maxLength: number | undefined;
  pattern: string | undefined;
  minimum: number | undefined;
  maximum: number | undefined;
  // The schema's `default` ("Việt Nam" for a nationality): what a new form starts with.
  defaultValue: string | undefined;
}

// A nested object becomes a group (fieldset) of its own fields.
export interface FormGroup {
  path: string;
  title: string;
  description: string | undefined;
  fields: FormNode[];
}

// An array of objects becomes a list the applicant adds items to; each item is a group.
export interface FormList {
  path: string;
  title: string;
  description: string | undefined;
  itemTitle: string;
  item: JsonSchema;
  required: boolean;
  minItems: number;
  maxItems: number | undefined;
}

export type FormNode = { field: FormField } | { group: FormGroup } | { list: FormList };

function typeOf(schema: JsonSchema): string {
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== "null") : schema.type;
  if (type !== undefined) return type;
  return schema.properties !== undefined ? "object" : "string";
}

function kindOf(schema: JsonSchema): FieldKind {
  if (schema.enum !== undefined) return "select";
  switch (typeOf(schema)) {
    case "integer":
      return "integer";
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    default:
      if (schema["x-widget"] === "textarea") return "textarea";
      if (schema.format === "date") return "date";
      if (schema.format === "email") return "email";
      if (schema.format === "vn-id-number") return "idNumber";
      return "text";
  }
}

// Properties ordered by x-order, then as the schema lists them.
function orderedProperties(schema: JsonSchema): [string, JsonSchema][] {
  const entries = Object.entries(schema.properties ?? {});
  return entries
    .map((entry, index) => ({ entry, index, order: entry[1]["x-order"] ?? Number.POSITIVE_INFINITY }))
    .sort((a, b) => (a.order === b.order ? a.index - b.index : a.order < b.order ? -1 : 1))
    .map((x) => x.entry);
}

export function formNodes(schema: JsonSchema, prefix = "", context?: string): FormNode[] {
  const required = new Set(schema.required ?? []);
  return orderedProperties(schema).map(([name, property]): FormNode => {
    const path = prefix === "" ? name : `${prefix}.${name}`;
    const title = property.title ?? name;
    const type = typeOf(property);
    if (type === "object") {
      return { group: { path, title, description: property.description, fields: formNodes(property, path, context) } };
    }
    if (type === "array" && property.items !== undefined && typeOf(property.items) === "object") {
      return {
        list: {
          path,
          title,
          description: property.description,
          itemTitle: property.items.title ?? title,
          item: property.items,
          required: required.has(name),
          minItems: property.minItems ?? 0,
          maxItems: property.maxItems,
        },
      };
    }
    return {
      field: {
        path,
        kind: kindOf(property),
        title,
        context,
        description: property.description,
        required: required.has(name),
        options: (property.enum ?? []).map(String),
        minLength: property.minLength,
        maxLength: property.maxLength,
        pattern: property.pattern,
        minimum: property.minimum,
        maximum: property.maximum,
        defaultValue: typeof property.default === "string" ? property.default : undefined,
      },
    };
  });
}

// How many items a list holds in the inputs' values (kept under "<path>[]").
export const listCountKey = (path: string) => `${path}[]`;
export const listCount = (values: Readonly<Record<string, string>>, path: string): number =>
  Number(values[listCountKey(path)] ?? "0") || 0;

// The nodes of one item of a list, with absolute paths ("members.1.full_name").
export function listItemNodes(list: FormList, index: number): FormNode[] {
  return formNodes(list.item, `${list.path}.${index}`, `${list.itemTitle} ${index + 1}`);
}

// Every input in page order, lists expanded to the items they hold now.
export function formFields(nodes: readonly FormNode[], values: Readonly<Record<string, string>>): FormField[] {
  return nodes.flatMap((node) => {
    if ("field" in node) return [node.field];
    if ("group" in node) return formFields(node.group.fields, values);
    const count = listCount(values, node.list.path);
    return Array.from({ length: count }, (_, i) => formFields(listItemNodes(node.list, i), values)).flat();
  });
}

// Element id of a form member: the server names it `form.<path>` in its errors.
export const formFieldId = (path: string) => `dossier-form-${path.replace(/[^A-Za-z0-9_-]/g, "-")}`;

// The server writes array members as "members[2].full_name"; the inputs use "members.2.full_name".
export const fromServerPath = (path: string) => path.replace(/\[(\d+)\]/g, ".$1");
