import { csvField } from '@gongkai/csv';
import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError } from '../../common/errors.js';
import { parseId, parseYear } from '../../common/ids.js';
import { AuthService } from '../auth/auth.service.js';
import { type CompiledRollup, RollupService } from './rollup.service.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function params(q: Record<string, unknown>): { scope: number; year: number; includeOwnOffice: boolean } {
  for (const [k, v] of Object.entries(q)) {
    if (!['scope', 'year', 'includeOwnOffice'].includes(k))
      throw new AppError('BAD_INPUT', `未知参数 ${JSON.stringify(k.slice(0, 40))}；可用：scope, year, includeOwnOffice (unknown parameter)`, {
        parameter: k.slice(0, 40),
      });
    if (typeof v !== 'string') throw new AppError('BAD_INPUT', `参数 ${k} 只能给一次 (give ${k} once)`, { parameter: k });
  }
  const own = q.includeOwnOffice as string | undefined;
  if (own !== undefined && own !== 'true' && own !== 'false')
    throw new AppError('BAD_INPUT', '参数 includeOwnOffice 应为 true 或 false (invalid includeOwnOffice)', { parameter: 'includeOwnOffice' });
  return { scope: parseId(q.scope as string, 'scope'), year: parseYear(q.year as string), includeOwnOffice: own !== 'false' };
}

/** Name of the downloaded file: the scope and year in Chinese, with an ASCII fallback. */
function disposition(r: { scope: { id: number; name: string }; year: number }, ext: string, suffix = ''): string {
  const zh = `${r.scope.name}${r.year}年政府信息公开工作年度报告（汇总）${suffix}.${ext}`;
  return `attachment; filename="gongkai-rollup-${r.scope.id}-${r.year}${suffix ? `-${suffix}` : ''}.${ext}"; filename*=UTF-8''${encodeURIComponent(zh)}`;
}

/**
 * Downloads of a roll-up: `GET /api/rollup.docx|csv?scope=…&year=…&includeOwnOffice=true|false`,
 * and a frozen copy's .docx as it was frozen: `GET /api/rollup/frozen/:id.docx`.
 */
@Controller('api')
export class RollupController {
  constructor(
    private readonly auth: AuthService,
    private readonly rollups: RollupService,
  ) {}

  private async compiled(req: Request, q: Record<string, unknown>): Promise<CompiledRollup> {
    const p = params(q);
    return this.rollups.compile(await this.auth.actorFor(req.headers.authorization), p.scope, p.year, p.includeOwnOffice);
  }

  @Get('rollup.docx')
  async docx(@Req() req: Request, @Query() q: Record<string, unknown>, @Res() res: Response) {
    const r = await this.compiled(req, q);
    const bytes = await this.rollups.docx(r);
    res.setHeader('Content-Type', DOCX);
    res.setHeader('Content-Disposition', disposition(r, 'docx'));
    res.setHeader('X-Data-Version', r.dataVersion);
    res.send(bytes);
  }

  @Get('rollup.csv')
  async csv(@Req() req: Request, @Query() q: Record<string, unknown>, @Res() res: Response) {
    const r = await this.compiled(req, q);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', disposition(r, 'csv'));
    res.setHeader('X-Data-Version', r.dataVersion);
    res.send(
      `\uFEFF${this.rollups
        .csv(r)
        .map((row) => row.map(csvField).join(','))
        .join('\r\n')}\r\n`,
    );
  }

  @Get('rollup/frozen/:file')
  async frozen(@Req() req: Request, @Param('file') file: string, @Res() res: Response) {
    const m = /^(\d{1,10})\.docx$/.exec(file);
    if (!m) throw new AppError('NOT_FOUND', '没有这个冻结汇总文件');
    const { snapshot, scope, content } = await this.rollups.frozenDocx(await this.auth.actorFor(req.headers.authorization), parseId(m[1], 'id'));
    res.setHeader('Content-Type', DOCX);
    res.setHeader('Content-Disposition', disposition({ scope, year: snapshot.year }, 'docx', `v${snapshot.dataVersion}`));
    res.setHeader('X-Data-Version', snapshot.dataVersion);
    res.send(content);
  }
}
