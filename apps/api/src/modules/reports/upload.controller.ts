import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError } from '../../common/errors.js';
import { parseId } from '../../common/ids.js';
import { ORIGINAL_FILE_HEADERS } from '../../common/security-headers.js';
import { AuthService } from '../auth/auth.service.js';
import { ReportsService } from './reports.service.js';
import { SubmissionsService } from './submissions.service.js';

/**
 * Plain HTTP for files: `POST /api/reports?jurisdictionId=&year=&fileName=[&overrideUnitReason=]`
 * with the file as the body, and `GET /api/versions/:id/file` for the original. Errors are JSON
 * `{ code, message }`.
 */
@Controller('api')
export class UploadController {
  constructor(
    private readonly auth: AuthService,
    private readonly submissions: SubmissionsService,
    private readonly reports: ReportsService,
  ) {}

  @Post('reports')
  async upload(@Req() req: Request, @Query() q: Record<string, unknown>) {
    const actor = await this.auth.actorFor(req.headers.authorization);
    // A repeated parameter arrives as an array: one value each, or the request is wrong.
    for (const k of ['jurisdictionId', 'year', 'fileName'])
      if (q[k] !== undefined && typeof q[k] !== 'string') throw new AppError('BAD_INPUT', `参数 ${k} 只能给一次 (${k} given more than once)`);
    const { jurisdictionId, year: yearParam, fileName } = q as Record<string, string | undefined>;
    const body = req.body as unknown;
    if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('BAD_INPUT', '请求体应为报告文件本身 (send the file as the request body)');
    // Decimal digits only: Number() would read `0x7EA` as 2026.
    if (yearParam && !/^\d{1,6}$/.test(yearParam))
      throw new AppError('WRONG_YEAR', `年份“${yearParam.slice(0, 10)}”无效，应为十进制数字 (year must be decimal digits)`);
    const year = yearParam ? Number(yearParam) : null;
    if (q.overrideUnitReason !== undefined && typeof q.overrideUnitReason !== 'string')
      throw new AppError('BAD_INPUT', 'overrideUnitReason 只能给一次 (give overrideUnitReason once)');
    const r = await this.submissions.submit(actor, {
      jurisdictionId: parseId(jurisdictionId, 'jurisdictionId'),
      year,
      fileName: fileName || 'report',
      bytes: new Uint8Array(body),
      overrideUnit: q.overrideUnitReason !== undefined ? { reason: q.overrideUnitReason } : null,
    });
    return { created: r.created, reportId: r.report.id, versionId: r.version.id, version: r.version.version, year: r.report.year };
  }

  @Get('versions/:id/file')
  async file(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    const actor = await this.auth.actorFor(req.headers.authorization);
    const f = await this.reports.file(actor, parseId(id));
    res.setHeader('Content-Type', f.mediaType.startsWith('text/') ? `${f.mediaType}; charset=binary` : f.mediaType);
    // A download, never a page of this origin: an uploaded HTML file may carry script.
    res.setHeader('Content-Disposition', `attachment; filename="${asciiName(f.fileName)}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
    for (const [k, v] of Object.entries(ORIGINAL_FILE_HEADERS)) res.setHeader(k, v);
    res.send(f.content);
  }
}

/** The file name for clients that do not read `filename*`: ASCII, no quotes or separators. */
function asciiName(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  return ascii.trim() || 'report';
}
