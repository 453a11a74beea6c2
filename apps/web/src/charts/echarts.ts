// ECharts modules are registered once, here, and only those the charts use (bundle size).
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

/** The SVG renderer is only needed for an SVG export: loaded on first use. */
export async function useSvgRenderer(): Promise<void> {
  const { SVGRenderer } = await import('echarts/renderers');
  echarts.use(SVGRenderer);
}

export { echarts };
