import { useEffect, useRef } from "preact/hooks";

function wrap(name = ""): string {
  const words = name.split(" ");
  const lines: string[] = [];
  for (const word of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + word.length < 13) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.join("\n");
}

interface Props {
  labels: string[];
  values: (number | null)[];  // percents; null: not applicable (drawn as 0)
  ariaLabel: string;
}

// Pillars as a radar (Apache ECharts, SVG). The same numbers are in the table beside it; the chart is
// an image to assistive technology, described by its label. `data-values` holds what is drawn.
export function RadarChart({ labels, values, ariaLabel }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    void import("./echartsRadar").then(({ init }) => {
      if (disposed || ref.current === null) return;
      cleanup = draw(init, ref.current);
    });
    return () => {
      disposed = true;
      cleanup();
    };
  }, [labels.join("|"), values.join("|")]);

  const draw = (init: typeof import("./echartsRadar").init, element: HTMLDivElement) => {
    const chart = init(element, undefined, { renderer: "svg" });
    chart.setOption({
      animation: false,
      radar: {
        indicator: labels.map((name) => ({ name, max: 100 })),
        radius: element.clientWidth < 480 ? "48%" : "62%",
        // Long pillar names break into lines so they stay inside narrow screens.
        axisName: { color: "#1f2937", fontSize: 12, lineHeight: 15, formatter: wrap },
      },
      series: [
        {
          type: "radar",
          data: [{ value: values.map((v) => v ?? 0), areaStyle: { opacity: 0.25 } }],
          lineStyle: { color: "#b91c1c" },
          itemStyle: { color: "#b91c1c" },
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  };
  return (
    <div
      ref={ref}
      class="dx-radar"
      role="img"
      aria-label={ariaLabel}
      data-testid="radar"
      data-values={JSON.stringify(values.map((v) => v ?? 0))}
    />
  );
}
