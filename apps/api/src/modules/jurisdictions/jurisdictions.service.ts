import { parseCsv } from '@gongkai/csv';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, type Repository } from 'typeorm';
import type { Actor } from '../../common/access/actor.js';
import { deny, policy, requireLogin } from '../../common/access/policy.js';
import { AppError } from '../../common/errors.js';
import type { Page } from '../../common/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import { bumpDataVersion } from '../published/data-version.js';
import { JURISDICTION_KINDS, Jurisdiction, type JurisdictionKind } from './jurisdiction.entity.js';
import { UnitCache } from './unit-cache.js';

export interface NewJurisdiction {
  name: string;
  kind: string;
  code?: string | null;
  parentId: number | null;
  validFrom?: number | null;
  validTo?: number | null;
  predecessorId?: number | null;
}

/** Kinds whose bodies publish their own annual report. */
export const REPORTING_KINDS: readonly JurisdictionKind[] = ['township', 'town', 'street', 'department', 'government'];
const MAX_IMPORT_ROWS = 50_000;

@Injectable()
export class JurisdictionsService {
  constructor(
    @InjectRepository(Jurisdiction) private readonly units: Repository<Jurisdiction>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly cache: UnitCache,
  ) {}

  async get(id: number): Promise<Jurisdiction> {
    const unit = await this.units.findOne({ where: { id } });
    if (!unit) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的单位 (no such unit)`);
    return unit;
  }

  async getByCode(code: string): Promise<Jurisdiction> {
    const unit = await this.units.findOne({ where: { code } });
    if (!unit) throw new AppError('NOT_FOUND', `没有代码为 ${code} 的单位 (no such unit)`);
    return unit;
  }

  /** Units by id, from the process's cache where it has them. */
  async byIds(ids: readonly number[]): Promise<Jurisdiction[]> {
    const found: Jurisdiction[] = [];
    const missing: number[] = [];
    for (const id of ids) {
      const u = this.cache.get(id);
      if (u) found.push(u);
      else missing.push(id);
    }
    if (missing.length) {
      for (const u of await this.units.findBy({ id: In(missing) })) {
        if (u.path) this.cache.put(u);
        found.push(u);
      }
    }
    return found;
  }

  childrenOf(parentIds: readonly number[]): Promise<Jurisdiction[]> {
    return this.units.find({ where: { parentId: In([...parentIds]) }, order: { kind: 'ASC', name: 'ASC' } });
  }

  /** Units under a subtree (not the root itself), filtered by kind and by the years they existed. */
  async list(
    filter: { under?: number | null; kinds?: string[] | null; year?: number | null; name?: string | null },
    first: number,
    offset: number,
  ): Promise<Page<Jurisdiction>> {
    const q = this.units.createQueryBuilder('j');
    if (filter.under) {
      const root = await this.get(filter.under);
      q.andWhere('j.path LIKE :prefix', { prefix: `${root.path}.%` });
    }
    if (filter.kinds?.length) q.andWhere('j.kind IN (:...kinds)', { kinds: filter.kinds });
    if (filter.year) q.andWhere('(j.validFrom IS NULL OR j.validFrom <= :y) AND (j.validTo IS NULL OR j.validTo >= :y)', { y: filter.year });
    if (filter.name) q.andWhere('j.name LIKE :name', { name: `%${filter.name.replace(/[%_\\]/g, (c) => `\\${c}`)}%` });
    const [items, totalCount] = await q.orderBy('j.path', 'ASC').skip(offset).take(first).getManyAndCount();
    return { items, offset, totalCount };
  }

  async create(actor: Actor, input: NewJurisdiction): Promise<Jurisdiction> {
    requireLogin(actor);
    return this.db.transaction(async (m) => {
      const unit = await this.insert(m, actor, input, `创建单位“${input.name}”`);
      await this.audit.record(m, actor, 'jurisdiction.create', 'jurisdiction', unit.id, { name: unit.name, kind: unit.kind, parentId: unit.parentId });
      await bumpDataVersion(m); // analytics answers list units: cached ones must not outlive a new unit
      return unit;
    });
  }

  /**
   * CSV with a header `name,kind,code,parent,valid_from,valid_to,predecessor`; parent and
   * predecessor by code or name. All rows or none: one bad row rolls the whole file back.
   */
  async importCsv(actor: Actor, csv: string): Promise<{ created: number; units: Jurisdiction[] }> {
    requireLogin(actor);
    if (csv.length > 5 * 1024 * 1024) throw new AppError('TOO_LARGE', 'CSV 文件超过 5 MB');
    const rows = parseCsv(csv);
    const header = rows.shift()?.map((h) => h.trim().toLowerCase());
    if (!header?.includes('name') || !header.includes('kind'))
      throw new AppError('BAD_INPUT', 'CSV 第一行应为表头，至少包含 name 与 kind 两列 (header with name, kind required)');
    if (rows.length > MAX_IMPORT_ROWS) throw new AppError('TOO_LARGE', `CSV 超过 ${MAX_IMPORT_ROWS} 行`);
    const col = (r: string[], name: string) => {
      const i = header.indexOf(name);
      return i >= 0 ? (r[i] ?? '').trim() : '';
    };
    return this.db.transaction(async (m) => {
      const made: Jurisdiction[] = [];
      const byKey = new Map<string, Jurisdiction>();
      const resolve = async (ref: string, line: number, what: string): Promise<number | null> => {
        if (!ref) return null;
        const local = byKey.get(ref);
        if (local) return local.id;
        const found = await m.getRepository(Jurisdiction).find({ where: [{ code: ref }, { name: ref }], take: 2 });
        if (found.length === 0) throw new AppError('BAD_INPUT', `CSV 第 ${line} 行：找不到${what}“${ref}” (unknown ${what})`, { line });
        if (found.length > 1) throw new AppError('BAD_INPUT', `CSV 第 ${line} 行：${what}“${ref}”有重名，请用代码 (ambiguous, use the code)`, { line });
        return (found[0] as Jurisdiction).id;
      };
      for (const [i, r] of rows.entries()) {
        const line = i + 2;
        const num = (s: string, name: string) => {
          if (!s) return null;
          if (!/^\d{4}$/.test(s)) throw new AppError('BAD_INPUT', `CSV 第 ${line} 行：${name} 应为四位年份，读到“${s.slice(0, 20)}”`, { line });
          return Number(s);
        };
        const unit = await this.insert(
          m,
          actor,
          {
            name: col(r, 'name'),
            kind: col(r, 'kind'),
            code: col(r, 'code') || null,
            parentId: await resolve(col(r, 'parent'), line, '上级单位'),
            validFrom: num(col(r, 'valid_from'), 'valid_from'),
            validTo: num(col(r, 'valid_to'), 'valid_to'),
            predecessorId: await resolve(col(r, 'predecessor'), line, '前身单位'),
          },
          `导入 CSV 第 ${line} 行`,
          line,
        );
        made.push(unit);
        byKey.set(unit.name, unit);
        if (unit.code) byKey.set(unit.code, unit);
      }
      await this.audit.record(m, actor, 'jurisdiction.import', 'jurisdiction', made[0]?.id ?? 0, { created: made.length });
      if (made.length) await bumpDataVersion(m);
      return { created: made.length, units: made };
    });
  }

  private async insert(m: EntityManager, actor: Actor, input: NewJurisdiction, what: string, line?: number): Promise<Jurisdiction> {
    const at = line ? `CSV 第 ${line} 行：` : '';
    const bad = (msg: string): never => {
      throw new AppError('BAD_INPUT', `${at}${msg}`, line ? { line } : {});
    };
    const name = input.name.normalize('NFC').trim();
    // \p{Cf}: bidi overrides (U+202E…) and zero-width characters would make two names look alike.
    if (!name || name.length > 60 || /[\p{Cc}\p{Cf}<>]/u.test(name))
      bad('单位名称应为 1–60 个字符，且不含控制字符、方向控制符（如 RTL 覆盖）或尖括号 (invalid name: control, bidi or angle-bracket characters)');
    if (!JURISDICTION_KINDS.includes(input.kind as JurisdictionKind))
      bad(`单位类型应为 ${JURISDICTION_KINDS.join('、')} 之一，读到“${String(input.kind).slice(0, 20)}”`);
    if (input.code && !/^\d{6,12}$/.test(input.code)) bad('行政区划代码应为 6–12 位数字 (code must be 6–12 digits)');
    if (input.validFrom && input.validTo && input.validFrom > input.validTo) bad('valid_from 不能晚于 valid_to');
    const repo = m.getRepository(Jurisdiction);
    const parent = input.parentId ? await repo.findOne({ where: { id: input.parentId } }) : null;
    if (input.parentId && !parent) throw new AppError('NOT_FOUND', `${at}没有编号为 ${input.parentId} 的上级单位`);
    if (!parent && input.kind !== 'province') bad('除省级外，单位须有上级 (a parent is required)');
    if (!policy.canManageUnits(actor, parent)) deny(what);
    if (input.code && (await repo.findOne({ where: { code: input.code } }))) throw new AppError('CONFLICT', `${at}代码 ${input.code} 已被使用`);
    const dup = repo.createQueryBuilder('j').where('j.name = :name', { name });
    dup.andWhere(parent ? 'j.parentId = :p' : 'j.parentId IS NULL', { p: parent?.id });
    dup.andWhere(input.validFrom ? 'j.validFrom = :vf' : 'j.validFrom IS NULL', { vf: input.validFrom });
    if (await dup.getExists()) throw new AppError('CONFLICT', `${at}“${name}”已存在于该上级单位下`);
    return this.persist(m, parent, { ...input, name });
  }

  /** For seeding and tests: insert without an actor check. */
  async insertTrusted(m: EntityManager, input: NewJurisdiction): Promise<Jurisdiction> {
    const parent = input.parentId ? await m.getRepository(Jurisdiction).findOneOrFail({ where: { id: input.parentId } }) : null;
    return this.persist(m, parent, input);
  }

  /** Saves a unit, then its path (its id is part of it). */
  private async persist(m: EntityManager, parent: Jurisdiction | null, input: NewJurisdiction): Promise<Jurisdiction> {
    const repo = m.getRepository(Jurisdiction);
    const saved = await repo.save(
      repo.create({
        name: input.name,
        kind: input.kind as JurisdictionKind,
        code: input.code ?? null,
        parentId: parent?.id ?? null,
        validFrom: input.validFrom ?? null,
        validTo: input.validTo ?? null,
        predecessorId: input.predecessorId ?? null,
      }),
    );
    saved.path = parent ? `${parent.path}.${saved.id}` : String(saved.id);
    await repo.update(saved.id, { path: saved.path });
    return saved;
  }
}
