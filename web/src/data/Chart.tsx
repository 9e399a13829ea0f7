import { useEffect, useRef } from "preact/hooks";
import geoUrl from "../../../packs/vn/geo/provinces-2025.geojson?url";

type Echarts = typeof import("./echartsData");
let mapReady: Promise<void> | null = null;

// The 34 provinces' boundaries, fetched once and registered as the map "vn".
function ensureMap(echarts: Echarts): Promise<void> {
  mapReady ??= fetch(geoUrl)
    .then((r) => r.json())
    .then((geo) => echarts.registerMap("vn", geo));
  return mapReady;
}

interface Props {
  option: (width: number) => object;
  map?: boolean;
  ariaLabel: string;
  testId: string;
  deps: string;
}

// An Apache ECharts chart (SVG). Its figures are always in a table beside it: to assistive
// technology the chart is an image described by its label.
export function Chart({ option, map = false, ariaLabel, testId, deps }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    void import("./echartsData").then(async (echarts) => {
      if (map) await ensureMap(echarts);
      if (disposed || ref.current === null) return;
      const element = ref.current;
      const chart = echarts.init(element, undefined, { renderer: "svg" });
      chart.setOption({ animation: false, ...option(element.clientWidth) });
      const resize = () => chart.resize();
      window.addEventListener("resize", resize);
      cleanup = () => {
        window.removeEventListener("resize", resize);
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      cleanup();
    };
  }, [deps]);
  return <div ref={ref} class={map ? "data-chart data-chart--map" : "data-chart"} role="img" aria-label={ariaLabel} data-testid={testId} />;
}
