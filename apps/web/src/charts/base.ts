import type { EChartsCoreOption } from 'echarts/core';

/** Colour-blind-safe palette (Okabe–Ito); decals make colour never the only cue. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", system-ui, sans-serif';

/** What every chart shares: accessible description, decal patterns, font, palette. */
export function baseOption(description: string): EChartsCoreOption {
  return {
    color: PALETTE,
    textStyle: { fontFamily: FONT },
    aria: { enabled: true, label: { description }, decal: { show: true } },
    animation: false,
  };
}

export function formatNumber(v: number | null | undefined, percent = false, lang: 'zh' | 'en' = 'zh'): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (percent) return `${(v * 100).toFixed(1)}%`;
  return Number.isInteger(v) ? v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB') : v.toFixed(1);
}
