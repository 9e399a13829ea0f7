import { useI18n } from "../i18n/I18nProvider";
import type { Catalogue, Item } from "./dxApi";
import { tr } from "./text";

// An answer as words: the options' labels, the tools' names, the number with its unit.
export function AnswerText({ item, answer, catalogue }: { item: Item; answer: unknown; catalogue: Catalogue | undefined }) {
  const { t, lang } = useI18n();
  if (answer === undefined) return <span>{t.qNotAnswered}</span>;
  if (answer === "na") return <span>{t.qNotApplicable}</span>;
  if (typeof answer === "number") return <span>{`${new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB").format(answer)}${item.unit ? ` ${item.unit}` : ""}`}</span>;
  const ids = Array.isArray(answer) ? (answer as string[]) : [String(answer)];
  const label = (id: string): string => {
    const option = item.options?.find((o) => o.id === id);
    if (option) return tr(lang, option.label);
    const tool = catalogue?.tools.find((x) => x.id === id);
    if (tool) return tr(lang, tool.name);
    const [a, b] = id.split("+");
    const name = (x: string | undefined) => tr(lang, catalogue?.tools.find((tool) => tool.id === x)?.name);
    return t.qLinked(name(a), name(b));
  };
  return <span>{ids.length === 0 ? "—" : ids.map(label).join("; ")}</span>;
}
