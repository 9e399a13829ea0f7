import { listSectors } from "../api/procedures";
import { SelectField } from "../components/SelectField";
import { useResource } from "../hooks/useResource";
import { useI18n } from "../i18n/I18nProvider";
import type { Route } from "../routing/route";
import { navigate } from "../routing/router";

type ProceduresRoute = Extract<Route, { name: "procedures" }>;

const LEVELS = ["commune", "province", "ministry"] as const;

// Level and sector narrow the list as soon as they change (the list below updates; nothing else moves).
export function ProcedureFilters({ route }: { route: ProceduresRoute }) {
  const { t } = useI18n();
  const [sectors] = useResource("sectors", (signal) => listSectors(signal));
  const levelText = { commune: t.level_commune, province: t.level_province, ministry: t.level_ministry };
  return (
    <div class="filters" role="group" aria-label={t.filtersLabel}>
      <SelectField
        id="procedure-level"
        label={t.filterLevel}
        value={route.level}
        options={[{ value: "", label: t.filterAll }, ...LEVELS.map((l) => ({ value: l, label: levelText[l] }))]}
        onChange={(level) => navigate({ ...route, level }, { replace: true })}
      />
      <SelectField
        id="procedure-sector"
        label={t.filterSector}
        value={route.sector}
        options={[
          { value: "", label: t.filterAll },
          ...(sectors.status === "ready" ? sectors.value : []).map((s) => ({ value: s.name, label: t.sectorOption(s.name, s.count) })),
          // Keep a sector from the address selectable before the list has arrived.
          ...(route.sector !== "" && (sectors.status !== "ready" || !sectors.value.some((s) => s.name === route.sector))
            ? [{ value: route.sector, label: route.sector }]
            : []),
        ]}
        onChange={(sector) => navigate({ ...route, sector }, { replace: true })}
      />
    </div>
  );
}
