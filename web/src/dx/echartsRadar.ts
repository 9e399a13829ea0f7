import { RadarChart } from "echarts/charts";
import { TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

// Only what the radar needs, in a chunk of its own loaded when a chart is first drawn.
use([RadarChart, TooltipComponent, SVGRenderer]);

export { init };
