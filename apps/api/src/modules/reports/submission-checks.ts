import { organMatches, type ParsedReport, RULES } from '@gongkai/report-template';
import { type EntityManager, In } from 'typeorm';
import type { Actor } from '../../common/access/actor.js';
import { deny, policy } from '../../common/access/policy.js';
import { AppError } from '../../common/errors.js';
import { Jurisdiction } from '../jurisdictions/jurisdiction.entity.js';

/**
 * What is refused before anything is stored, the same for single and bulk submissions: a year
 * out of range or at odds with the title (WRONG_YEAR), a title naming another body (WRONG_UNIT).
 */

/** The body a title names, as printed (the parser keeps the short form in `organ`). */
export function printedOrgan(p: ParsedReport): string | null {
  return p.provenance.organ?.raw ?? p.organ ?? null;
}

/** What the unit check decided: a finding to add, or an admin's override to audit. */
export interface UnitCheck {
  findings: ParsedReport['findings'];
  override: { reason: string; printedOrgan: string } | null;
}

/** The year a report is filed under: the one given, the one in its title, and they must agree. */
export function checkYear(given: number | null, printed: number | null, thisYear = new Date().getUTCFullYear()): number {
  if (given !== null && (!Number.isInteger(given) || given < 2008 || given > thisYear)) {
    throw new AppError('WRONG_YEAR', `年份 ${given} 不在 2008–${thisYear} 之间 (year out of range)`);
  }
  if (given !== null && printed !== null && given !== printed) {
    throw new AppError('WRONG_YEAR', `报告标题中的年份为 ${printed}，提交的年份为 ${given} (the title says ${printed})`, { printedYear: printed });
  }
  const year = given ?? printed;
  if (year === null) throw new AppError('WRONG_YEAR', '报告标题中没有年份，请指明年份 (no year in the title; give one)');
  if (year < 2008 || year > thisYear) throw new AppError('WRONG_YEAR', `报告年份 ${year} 不在 2008–${thisYear} 之间`);
  return year;
}

/**
 * The report must be this unit's: a title naming another body is refused (WRONG_UNIT) unless a
 * county admin overrides with a reason; a title naming no body gets a warning finding.
 */
export function checkUnit(actor: Actor, unit: Jurisdiction, ancestors: string[], parsed: ParsedReport, override?: { reason: string } | null): UnitCheck {
  const printed = printedOrgan(parsed);
  if (!printed) {
    const rule = RULES['organ.unnamed'];
    return { findings: [{ rule: rule.id, severity: rule.severity, message: `${rule.zh}（${unit.name}）`, cells: [] }], override: null };
  }
  if (organMatches(printed, unit.name, ancestors)) return { findings: [], override: null };
  if (!override) {
    throw new AppError(
      'WRONG_UNIT',
      `报告标题中的机关为“${printed}”，不是“${unit.name}”；若确属本单位，请县级管理员写明理由后提交 (the report names another body; a county admin may override with a reason)`,
      { printedOrgan: printed, unit: unit.name },
    );
  }
  if (!policy.canReview(actor, unit)) deny(`将“${printed}”的报告提交为“${unit.name}”的报告（须为本县管理员）`);
  const reason = (override.reason ?? '').trim();
  if (!reason || reason.length > 1000) throw new AppError('BAD_INPUT', '强制提交须写明理由（1–1000 字）(an override needs a reason)');
  return { findings: [], override: { reason, printedOrgan: printed } };
}

/** Names of each unit's parents, province first: a title's places are checked against them. */
export async function ancestorNames(m: EntityManager, units: Jurisdiction[]): Promise<Map<number, string[]>> {
  const chain = (u: Jurisdiction) =>
    u.path
      .split('.')
      .map(Number)
      .filter((id) => id !== u.id);
  const ids = [...new Set(units.flatMap(chain))];
  const names = new Map((ids.length ? await m.getRepository(Jurisdiction).findBy({ id: In(ids) }) : []).map((j) => [j.id, j.name]));
  return new Map(units.map((u) => [u.id, chain(u).flatMap((id) => names.get(id) ?? [])]));
}

export function unknownUnit(id: number): AppError {
  return new AppError('WRONG_UNIT', `没有编号为 ${id} 的单位 (unknown unit)`);
}
