import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AppError } from '../../common/errors.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { AuditService } from '../audit/audit.service.js';
import { Jurisdiction } from '../jurisdictions/jurisdiction.entity.js';
import { type Actor, ANONYMOUS } from './actor.js';
import { ApiToken } from './api-token.entity.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { RateLimiter } from './rate-limit.js';
import { hashApiToken, newApiToken, signToken, verifyToken } from './tokens.js';
import { type Role, User } from './user.entity.js';

@Injectable()
export class AuthService {
  /** Five failed tries per minute per address and per user name. */
  private readonly loginLimiter = new RateLimiter(5, 60_000);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>,
    @InjectRepository(Jurisdiction) private readonly units: Repository<Jurisdiction>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async login(username: string, password: string, clientKey: string): Promise<{ token: string; expiresAt: Date; user: User }> {
    if (username.length > 100 || password.length > 200) throw new AppError('BAD_INPUT', '用户名或密码过长 (too long)');
    // Failed attempts are counted per client address and per user name.
    const keys = [`ip:${clientKey}`, `user:${username}`];
    const wait = Math.max(...keys.map((k) => this.loginLimiter.wait(k)));
    if (wait > 0) throw new AppError('RATE_LIMITED', `登录失败次数过多，请 ${wait} 秒后再试 (too many failed attempts)`, { retryAfterSeconds: wait });
    const user = await this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.username = :username', { username }).getOne();
    if (!user || !(await verifyPassword(password, user.passwordHash))) {
      for (const k of keys) this.loginLimiter.hit(k);
      throw new AppError('UNAUTHENTICATED', '用户名或密码错误 (wrong user name or password)');
    }
    this.loginLimiter.reset(`user:${username}`);
    const exp = Math.floor(Date.now() / 1000) + this.config.tokenTtlHours * 3600;
    await this.audit.record(null, this.toActor(user, null), 'login', 'user', user.id);
    return { token: signToken({ sub: user.id, exp }, this.config.authSecret), expiresAt: new Date(exp * 1000), user };
  }

  /** The actor behind an `Authorization` header: a session token or an API token. */
  async actorFor(authorization: string | undefined): Promise<Actor> {
    if (!authorization) return ANONYMOUS;
    const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!m) throw new AppError('UNAUTHENTICATED', 'Authorization 头格式应为 "Bearer <token>"');
    const token = m[1] as string;
    let userId: number | null = null;
    if (token.startsWith('gk_')) {
      const row = await this.tokens.findOne({ where: { tokenHash: hashApiToken(token) } });
      if (row && row.expiresAt.getTime() > Date.now()) {
        userId = row.userId;
        await this.tokens.update(row.id, { lastUsedAt: new Date() });
      }
    } else {
      userId = verifyToken(token, this.config.authSecret)?.sub ?? null;
    }
    if (userId === null) throw new AppError('UNAUTHENTICATED', '登录已过期或令牌无效，请重新登录 (token expired or invalid)');
    const user = await this.users.findOne({ where: { id: userId } });
    if (!user) throw new AppError('UNAUTHENTICATED', '用户不存在 (no such user)');
    const unit = user.jurisdictionId ? await this.units.findOne({ where: { id: user.jurisdictionId } }) : null;
    return this.toActor(user, unit);
  }

  toActor(user: User, unit: Jurisdiction | null): Actor {
    return { id: user.id, username: user.username, role: user.role, jurisdictionId: user.jurisdictionId, jurisdictionPath: unit?.path ?? null };
  }

  async createUser(input: { username: string; displayName: string; password: string; role: Role; jurisdictionId: number | null }): Promise<User> {
    const passwordHash = await hashPassword(input.password);
    const saved = await this.users.save(this.users.create({ ...input, passwordHash }));
    return saved;
  }

  async createApiToken(actor: Actor, name: string, days: number): Promise<{ token: string; expiresAt: Date }> {
    if (actor.id === null) throw new AppError('UNAUTHENTICATED', '请先登录 (log in first)');
    if (!name.trim() || name.length > 100) throw new AppError('BAD_INPUT', '令牌名称应为 1–100 个字符');
    if (!Number.isInteger(days) || days < 1 || days > 365) throw new AppError('BAD_INPUT', '有效天数应为 1–365');
    const { token, hash } = newApiToken();
    const expiresAt = new Date(Date.now() + days * 86_400_000);
    await this.tokens.insert({ userId: actor.id, name: name.trim(), tokenHash: hash, expiresAt });
    await this.audit.record(null, actor, 'apiToken.create', 'user', actor.id, { name: name.trim(), expiresAt });
    return { token, expiresAt };
  }
}
