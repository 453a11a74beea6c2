import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type RenderFormat, randomReport, renderReport } from '@gongkai/report-render';
import type { CanonicalReport } from '@gongkai/report-template';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor, Role } from '../../common/access/actor.js';
import { AuthService } from '../auth/auth.service.js';

import { Jurisdiction } from '../jurisdictions/jurisdiction.entity.js';
import { JurisdictionsService } from '../jurisdictions/jurisdictions.service.js';
import { ReportVersion } from '../reports/report-version.entity.js';
import { ReportsService } from '../reports/reports.service.js';
import { SubmissionsService } from '../reports/submissions.service.js';
import { chainYears, DEMO_COUNTY, DEMO_USERS, demoScale } from './demo-county.js';

export const REAL_REPORT = fileURLToPath(new URL('../../../demo/huaiyuan-town-2023.txt', import.meta.url));
const FORMATS: RenderFormat[] = ['html', 'text-cells', 'docx', 'html-gbk', 'text-pipes', 'markdown'];

/** The demo county: units, logins, the real 淮源镇 2023 report and synthetic reports for the rest. */
@Injectable()
export class DemoService {
  private readonly log = new Logger('Demo');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly units: JurisdictionsService,
    private readonly auth: AuthService,
    private readonly submissions: SubmissionsService,
    private readonly reports: ReportsService,
  ) {}

  async seedIfEmpty(): Promise<boolean> {
    const count = await this.db.getRepository(Jurisdiction).count();
    if (count > 0) return false;
    const started = performance.now();
    const unitIds = await this.seedUnits();
    const admin = await this.seedUsers(unitIds);
    const n = await this.seedReports(admin, unitIds);
    this.log.log(`demo county 桐柏县 loaded: ${unitIds.size} units, ${n} reports in ${Math.round(performance.now() - started)} ms`);
    return true;
  }

  private async seedUnits(): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    await this.db.transaction(async (m) => {
      const add = async (
        name: string,
        kind: string,
        parentId: number | null,
        extra: Partial<{ code: string; validFrom: number; validTo: number; predecessorId: number }> = {},
      ) => {
        const u = await this.units.insertTrusted(m, { name, kind, parentId, ...extra });
        ids.set(name, u.id);
        return u.id;
      };
      const province = await add(DEMO_COUNTY.province.name, 'province', null, { code: DEMO_COUNTY.province.code });
      const city = await add(DEMO_COUNTY.city.name, 'city', province, { code: DEMO_COUNTY.city.code });
      const county = await add(DEMO_COUNTY.county.name, 'county', city, { code: DEMO_COUNTY.county.code });
      await add(DEMO_COUNTY.government, 'government', county);
      const chengwanXiang = await add('程湾乡', 'township', county, { validTo: 2012 });
      for (const t of DEMO_COUNTY.towns) {
        await add(t, t.endsWith('乡') ? 'township' : 'town', county, t === '程湾镇' ? { validFrom: 2013, predecessorId: chengwanXiang } : {});
      }
      for (const d of DEMO_COUNTY.departments) await add(d, 'department', county);
    });
    return ids;
  }

  private async seedUsers(ids: Map<string, number>): Promise<Actor> {
    let admin: Actor | null = null;
    for (const u of DEMO_USERS) {
      const user = await this.auth.createUser({
        username: u.username,
        displayName: u.displayName,
        password: u.password,
        role: u.role as Role,
        jurisdictionId: u.unit ? (ids.get(u.unit) ?? null) : null,
      });
      if (u.role === 'admin') {
        const county = await this.db.getRepository(Jurisdiction).findOneByOrFail({ id: ids.get(DEMO_COUNTY.county.name) as number });
        admin = this.auth.toActor(user, county);
      }
    }
    return admin as Actor;
  }

  /** Seven years for every unit, through the same submission code as the API. */
  private async seedReports(admin: Actor, ids: Map<string, number>): Promise<number> {
    const names = [...DEMO_COUNTY.towns, ...DEMO_COUNTY.departments, DEMO_COUNTY.government];
    const made = new Map<string, CanonicalReport>();
    let n = 0;
    for (const [ui, name] of names.entries()) {
      const unitId = ids.get(name) as number;
      let previous: CanonicalReport | null = null;
      for (const year of DEMO_COUNTY.years) {
        const seed = 1000 * ui + year;
        const plan = planFor(name, year, ui);
        if (plan.missing) {
          previous = null;
          continue;
        }
        let bytes: Uint8Array;
        let fileName: string;
        let synthetic = true;
        const published = plan.late ? `${year + 1}-02-${10 + (ui % 15)}` : `${year + 1}-01-${String(12 + (ui % 15)).padStart(2, '0')}`;
        if (name === '淮源镇' && year === 2023) {
          bytes = new Uint8Array(readFileSync(REAL_REPORT));
          fileName = 'huaiyuan-town-2023.txt';
          synthetic = false;
        } else {
          const organ = name.endsWith('镇') || name.endsWith('乡') ? `${name}人民政府` : name;
          // Planted for the data-quality view: a spike (安棚镇 2024) and copied figures (固县镇 2023 = 吴城镇 2023).
          const scale = name === '安棚镇' && year === 2024 ? 80 : demoScale(name);
          const copied = name === '固县镇' && year === 2023 ? made.get('吴城镇-2023') : undefined;
          const report = copied
            ? (JSON.parse(JSON.stringify(copied)) as CanonicalReport)
            : randomReport(seed, { organ, year, version: year <= 2020 ? '2019' : '2021', scale });
          report.organ = organ;
          if (!copied) chainYears(report, previous);
          made.set(`${name}-${year}`, report);
          report.text.other = '本报告为演示用合成数据，并非真实报告（synthetic demo data）。';
          if (plan.brokenRule) breakOutcomeSum(report);
          const format = FORMATS[(ui + year) % FORMATS.length] as RenderFormat;
          bytes = renderReport(report, format, { publishedDate: published });
          fileName = `${name}-${year}.${format === 'docx' ? 'docx' : format.startsWith('html') ? 'html' : format === 'markdown' ? 'md' : 'txt'}`;
          previous = report;
        }
        const r = await this.submissions.submit(admin, { jurisdictionId: unitId, year, fileName, bytes, synthetic });
        // Demo history: make the submission time match the report's date, not the seeding moment.
        await this.db.getRepository(ReportVersion).update(r.version.id, { submittedAt: new Date(`${published}T09:00:00+08:00`) });
        if (plan.state !== 'submitted') {
          if (plan.state === 'returned')
            await this.reports.transition(admin, r.version.id, 'returned', '表三（七）总计与各办理结果之和不符，请核对后重新提交。');
          else {
            await this.reports.transition(admin, r.version.id, 'accepted');
            if (plan.state === 'published') await this.reports.transition(admin, r.version.id, 'published');
          }
        }
        n++;
      }
    }
    return n;
  }
}

interface Plan {
  missing: boolean;
  late: boolean;
  brokenRule: boolean;
  state: 'submitted' | 'returned' | 'accepted' | 'published';
}

/** Where each demo report stands, so every view has something true to show. */
function planFor(name: string, year: number, ui: number): Plan {
  const plan: Plan = { missing: false, late: false, brokenRule: false, state: 'published' };
  if (year === 2025) {
    if (name === '回龙乡' || name === '桐柏县自然资源局') plan.missing = true;
    if (name === '朱庄镇') plan.state = 'returned';
    if (name === '程湾镇') plan.state = 'submitted';
    if (name === '平氏镇') plan.state = 'accepted';
  }
  if ((name === '黄岗镇' && year >= 2024) || (name === '埠江镇' && year === 2021) || (ui % 7 === 3 && year === 2022)) plan.late = true;
  if ((name === '朱庄镇' && year === 2025) || (name === '大河镇' && year === 2022)) plan.brokenRule = true;
  if (name === '毛集镇' && year === 2020) plan.missing = true;
  return plan;
}

/** A report that breaks 勾稽关系 the way real ones do: 总计 below the outcomes it sums. */
function breakOutcomeSum(report: CanonicalReport) {
  const pt = (report.applications as Record<string, Record<string, number | null>>).processedTotal as Record<string, number | null>;
  pt.naturalPerson = Math.max(0, (pt.naturalPerson ?? 0) - 2);
  pt.total = Math.max(0, (pt.total ?? 0) - 2);
}
