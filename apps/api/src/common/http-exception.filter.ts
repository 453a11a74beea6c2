import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { AppError, HTTP_STATUS } from './errors.js';

/** REST errors as `{ code, message }` with a fitting status; GraphQL has its own boundary. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('HTTP');

  /** `counted` hears the code of every error answered (for metrics). */
  constructor(private readonly counted: (code: string) => void = () => {}) {}

  catch(error: unknown, host: ArgumentsHost) {
    if (host.getType<string>() === 'graphql') throw error;
    const res = host.switchToHttp().getResponse<Response>();
    if (error instanceof AppError) {
      this.counted(error.code);
      res.status(HTTP_STATUS[error.code]).json({ code: error.code, message: error.message, ...error.details });
      return;
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const code = status === 413 ? 'TOO_LARGE' : status === 404 ? 'NOT_FOUND' : status < 500 ? 'BAD_INPUT' : 'INTERNAL';
      this.counted(code);
      res.status(status).json({ code, message: error.message });
      return;
    }
    const e = error as { type?: string; status?: number; message?: string };
    if (e?.type === 'entity.too.large' || e?.status === 413) {
      this.counted('TOO_LARGE');
      res.status(413).json({ code: 'TOO_LARGE', message: '请求体过大 (request body too large)' });
      return;
    }
    this.log.error(error);
    this.counted('INTERNAL');
    res.status(500).json({ code: 'INTERNAL', message: 'Internal error; it has been logged' });
  }
}
