import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { type Actor, ANONYMOUS, type Role, within } from '../../common/access/actor.js';
import { deny } from '../../common/access/policy.js';
import { AppError } from '../../common/errors.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { AuditService } from '../audit/audit.service.js';
import { Jurisdiction } from '../jurisdictions/jurisdiction.entity.js';
import { ApiToken } from './api-token.entity.js';
import { dummyHash, hashPassword, verifyPassword } from './passwords.js';
import { RateLimiter } from './rate-limit.js';
import { hashApiToken, newApiToken, newTokenId, signToken, type TokenClaims, verifyToken } from './tokens.js';
import { User } from './user.entity.js';

@Injectable()
export class AuthService {
  /** Guesses at one user's password from one address: 5 a minute. Other addresses are not locked out. */
  private readonly pairLimiter = new RateLimiter(5, 60_000);
  /** Failed guesses from one address at any users (password spraying): 10 a minute. */
  private readonly addressLimiter = new RateLimiter(10, 60_000);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>,
    @InjectRepository(Jurisdiction) private readonly units: Repository<Jurisdiction>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {
    void dummyHash(); // computed off the event loop now, not on the first unknown user's login
  }

  async login(username: string, password: string, clientKey: string): Promise<{ token: string; expiresAt: Date; user: User }> {
    if (username.length > 100 || password.length > 200) throw new AppError('BAD_INPUT', '用户名或密码过长 (too long)');
    // Counted before the password is checked, synchronously: parallel guesses cannot all slip through.
    const pair = JSON.stringify([username, clientKey]);
    const address = `ip:${clientKey}`;
    let wait = this.pairLimiter.take(pair);
    if (wait === 0) {
      wait = this.addressLimiter.take(address);
      if (wait > 0) this.pairLimiter.refund(pair);
    }
    if (wait > 0) throw new AppError('RATE_LIMITED', `登录尝试过多，请 ${wait} 秒后再试 (too many attempts)`, { retryAfterSeconds: wait });
    const user = await this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.username = :username', { username }).getOne();
    // Unknown users cost one scrypt too, so the time taken does not tell who has an account.
    const verified = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !verified.ok) throw new AppError('UNAUTHENTICATED', '用户名或密码错误 (wrong user name or password)');
    // A right password is not a guess.
    this.pairLimiter.refund(pair);
    this.addressLimiter.refund(address);
    if (verified.needsRehash) await this.users.update(user.id, { passwordHash: await hashPassword(password) });
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + this.maxTokenSeconds;
    await this.audit.record(null, this.toActor(user, null), 'login', 'user', user.id);
    const token = signToken({ sub: user.id, jti: newTokenId(), ep: user.tokenEpoch, iat, exp }, this.config.authSecret);
    return { token, expiresAt: new Date(exp * 1000), user };
  }

  /** No session token lives longer than TOKEN_TTL_HOURS, whatever its claims say. */
  private get maxTokenSeconds(): number {
    return this.config.tokenTtlHours * 3600;
  }

  private bearer(authorization: string): string {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!m) throw new AppError('UNAUTHENTICATED', 'Authorization 头格式应为 "Bearer <token>"');
    return m[1] as string;
  }

  private invalid(): never {
    throw new AppError('UNAUTHENTICATED', '登录已过期、已退出或令牌无效，请重新登录 (token expired, revoked or invalid)');
  }

  /**
   * The actor behind an `Authorization` header: a session token or an API token. Checked against
   * the database on every request (revocation takes effect at once, in every process), in one
   * query; GraphQL resolves it once per request (GqlContext.actor).
   */
  async actorFor(authorization: string | undefined): Promise<Actor> {
    if (!authorization) return ANONYMOUS;
    const token = this.bearer(authorization);
    let userId: number;
    let claims: TokenClaims | null = null;
    if (token.startsWith('gk_')) {
      if (token.length > 100) this.invalid();
      const row = await this.tokens.findOne({ where: { tokenHash: hashApiToken(token) } });
      if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now()) this.invalid();
      userId = row.userId;
      // At most one write a minute per token, not one per request.
      if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) await this.tokens.update(row.id, { lastUsedAt: new Date() });
    } else {
      claims = verifyToken(token, this.config.authSecret, this.maxTokenSeconds);
      if (!claims) this.invalid();
      userId = claims.sub;
    }
    const rows: { id: number; username: string; role: Role; jurisdictionId: number | null; tokenEpoch: number; path: string | null; revoked: boolean }[] =
      await this.users.query(
        `SELECT u.id, u.username, u.role, u."jurisdictionId", u."tokenEpoch", j.path,
                EXISTS (SELECT 1 FROM revoked_token r WHERE r.jti = $2) AS revoked
           FROM app_user u LEFT JOIN jurisdiction j ON j.id = u."jurisdictionId"
          WHERE u.id = $1`,
        [userId, claims?.jti ?? null],
      );
    const u = rows[0];
    if (!u) throw new AppError('UNAUTHENTICATED', '用户不存在 (no such user)');
    if (claims && (u.revoked || claims.ep !== u.tokenEpoch)) this.invalid();
    return { id: u.id, username: u.username, role: u.role, jurisdictionId: u.jurisdictionId, jurisdictionPath: u.path };
  }

  /** Revokes the token of this request: a session token goes on the revoked list, an API token is marked revoked. */
  async logout(actor: Actor, authorization: string): Promise<void> {
    const token = this.bearer(authorization);
    if (token.startsWith('gk_')) {
      await this.tokens.update({ tokenHash: hashApiToken(token) }, { revokedAt: new Date() });
    } else {
      const claims = verifyToken(token, this.config.authSecret, this.maxTokenSeconds);
      if (!claims) this.invalid();
      await this.users.manager.transaction(async (m) => {
        await m.query('INSERT INTO revoked_token (jti, "userId", "expiresAt") VALUES ($1, $2, to_timestamp($3)) ON CONFLICT DO NOTHING', [
          claims.jti,
          claims.sub,
          claims.exp,
        ]);
        // Expired tokens are refused anyway: their rows only take space.
        await m.query('DELETE FROM revoked_token WHERE "expiresAt" < now()');
      });
    }
    await this.audit.record(null, actor, 'logout', 'user', actor.id ?? 0, { apiToken: token.startsWith('gk_') });
  }

  /**
   * Every token of a user stops working: session tokens by bumping the user's epoch, API tokens
   * by marking them revoked. Admins, for users of their county and users without one
   * (viewers, analysts). The number of API tokens revoked.
   */
  async revokeAllTokens(actor: Actor, username: string): Promise<number> {
    if (actor.role !== 'admin') deny('吊销令牌');
    const target = await this.users.findOne({ where: { username } });
    if (!target) throw new AppError('NOT_FOUND', `没有用户“${username.slice(0, 100)}” (no such user)`);
    if (target.jurisdictionId !== null) {
      const unit = await this.units.findOne({ where: { id: target.jurisdictionId } });
      if (!unit || !within(unit.path, actor.jurisdictionPath)) deny(`吊销“${target.username}”的令牌`);
    }
    return this.users.manager.transaction(async (m) => {
      await m.query('UPDATE app_user SET "tokenEpoch" = "tokenEpoch" + 1 WHERE id = $1', [target.id]);
      const [, apiTokens] = (await m.query('UPDATE api_token SET "revokedAt" = now() WHERE "userId" = $1 AND "revokedAt" IS NULL', [target.id])) as [
        unknown,
        number,
      ];
      await this.audit.record(m, actor, 'user.revokeTokens', 'user', target.id, { username: target.username, apiTokens });
      return apiTokens;
    });
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
