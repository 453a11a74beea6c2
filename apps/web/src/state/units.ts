import type { Lang } from '../i18n.js';

export interface UnitLike {
  id: string;
  name: string;
  code?: string | null;
  validFrom?: number | null;
  validTo?: number | null;
  predecessor?: { id: string } | null;
}

/**
 * The county's own order: administrative code (行政区划代码); units without one after, in the order
 * they were registered (the county's list), never alphabetically.
 */
export function byCode<U extends { id: string; code?: string | null }>(units: readonly U[]): U[] {
  const registered = (u: U) => (/^\d+$/.test(u.id) ? Number(u.id) : Number.MAX_SAFE_INTEGER);
  return [...units].sort((a, b) => {
    if (a.code && b.code && a.code !== b.code) return a.code < b.code ? -1 : 1;
    if (a.code && !b.code) return -1;
    if (b.code && !a.code) return 1;
    return registered(a) - registered(b);
  });
}

/**
 * A unit's name with its history: a former unit names its successor and its years
 * (程湾乡（2019–2021，今程湾镇）); a successor names what it continues.
 */
export function unitLabel(u: UnitLike, all: readonly UnitLike[], lang: Lang): string {
  const successor = all.find((x) => x.predecessor?.id === u.id);
  const predecessor = u.predecessor ? all.find((x) => x.id === u.predecessor?.id) : undefined;
  const years = u.validFrom || u.validTo ? `${u.validFrom ?? ''}–${u.validTo ?? ''}` : '';
  const paren = (text: string) => (lang === 'zh' ? `${u.name}（${text}）` : `${u.name} (${text})`);
  if (successor && u.validTo)
    return paren(lang === 'zh' ? [years, `今${successor.name}`].filter(Boolean).join('，') : [years, `now ${successor.name}`].filter(Boolean).join(', '));
  if (predecessor) return paren(lang === 'zh' ? `${u.validFrom ?? ''}年起，原${predecessor.name}` : `from ${u.validFrom ?? ''}, formerly ${predecessor.name}`);
  return u.name;
}
