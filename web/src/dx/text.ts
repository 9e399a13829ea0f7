import type { Language } from "../i18n/language";
import type { Framework, FrameworkNode, Item, Text } from "./dxApi";

// A text of the data in the reader's language.
export const tr = (lang: Language, text: Text | null | undefined): string => (text ? text[lang] : "");

// Every item of a node and its descendants, in file order: one pillar's page of questions.
export function itemsOf(node: FrameworkNode): Item[] {
  return [...(node.children ?? []).flatMap(itemsOf), ...(node.items ?? [])];
}

// The items a respondent answers (computed ones are measured; assessors' ones are the assessor's).
export const answerable = (item: Item): boolean => item.source === "self_report";

export function allItems(f: Framework): Item[] {
  return f.nodes.flatMap(itemsOf);
}

export const formatVnd = (lang: Language, n: number): string =>
  lang === "vi" ? `${new Intl.NumberFormat("vi-VN").format(n)} đồng` : `VND ${new Intl.NumberFormat("en-GB").format(n)}`;
