import { type CsvValue, toCsv } from '@gongkai/csv';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { useEffect, useRef } from 'preact/hooks';
import { download } from '../csv.js';
import { useT } from '../i18n.js';
import { echarts, useSvgRenderer } from './echarts.js';

export const FIRST_CHART = 'gongkai:first-chart';

export interface ChartProps {
  /** Stable id: data-chart attribute, file names. */
  id: string;
  title: string;
  option: EChartsCoreOption;
  /** The rows behind the chart, as the API gave them, for the CSV export. */
  data: { header: readonly string[]; rows: readonly (readonly CsvValue[])[] };
  height?: number;
  /** Printed in exports: applied filters and 口径 version. */
  notes?: readonly string[];
}

/** A chart with its exports (PNG, SVG, CSV). The option is built by a pure function elsewhere. */
export function Chart({ id, title, option, data, height = 320, notes = [] }: ChartProps) {
  const { t } = useT();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const c = echarts.init(node, null, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(node);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    const node = el.current;
    if (!c || !node) return;
    node.dataset.ready = '0';
    // Registered before setOption so the ready flag cannot be missed.
    c.off('finished');
    c.on('finished', () => {
      node.dataset.ready = '1';
      // Read by bench/web: time from navigation to the first chart drawn.
      if (!performance.getEntriesByName(FIRST_CHART).length) performance.mark(FIRST_CHART);
    });
    c.setOption(option, { notMerge: true });
  }, [option]);

  const svg = async () => {
    await useSvgRenderer();
    const node = document.createElement('div');
    const w = el.current?.clientWidth ?? 800;
    const c = echarts.init(node, null, { renderer: 'svg', ssr: true, width: w, height });
    c.setOption({ ...option, title: [{ text: title, left: 'center', top: -4, textStyle: { fontSize: 0 } }] });
    const text = c.renderToSVGString();
    c.dispose();
    download(`${id}.svg`, new Blob([text], { type: 'image/svg+xml' }));
  };
  const png = () => {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    if (!url) return;
    const a = document.createElement('a');
    a.href = url;
    a.download = `${id}.png`;
    a.click();
  };

  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h3 id={`${id}-title`}>{title}</h3>
        <span class="chart-tools">
          <button type="button" onClick={png} aria-label={`${title} PNG`}>
            {t('export.png')}
          </button>
          <button type="button" onClick={svg} aria-label={`${title} SVG`}>
            {t('export.svg')}
          </button>
          <button type="button" data-export-csv={id} aria-label={`${title} CSV`} onClick={() => download(`${id}.csv`, toCsv(data.header, data.rows, notes))}>
            {t('export.csv')}
          </button>
        </span>
      </figcaption>
      <div ref={el} class="chart-canvas" data-chart={id} role="img" aria-label={title} style={{ height: `${height}px` }} />
    </figure>
  );
}
