/** An SVG path for a tiny trend line in a table cell; gaps where values are null. */
export function sparklinePath(values: readonly (number | null)[], width = 80, height = 20, pad = 2): string {
  const nums = values.filter((v): v is number => v !== null);
  if (!nums.length) return '';
  const min = Math.min(...nums);
  const max = Math.max(...nums);
  const span = max - min || 1;
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const x = pad + i * step;
    const y = height - pad - ((v - min) / span) * (height - 2 * pad);
    d += `${pen ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
    pen = true;
  });
  return d;
}
