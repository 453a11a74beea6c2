import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { deny, requireLogin } from '../../common/access/policy.js';
import type { GqlContext } from '../../common/context.js';
import { toJurisdiction } from '../jurisdictions/dto/jurisdiction.mapper.js';
import { JurisdictionsService } from '../jurisdictions/jurisdictions.service.js';
import { AuthService } from './auth.service.js';
import { ApiTokenResult, LoginResult, TokensRevoked, UserType } from './dto/auth.types.js';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly units: JurisdictionsService,
  ) {}

  @Mutation(() => LoginResult)
  async login(@Args('username') username: string, @Args('password') password: string, @Context() ctx: GqlContext) {
    const r = await this.auth.login(username, password, ctx.req.ip ?? 'unknown');
    const unit = r.user.jurisdictionId ? await this.units.get(r.user.jurisdictionId) : null;
    return {
      token: r.token,
      expiresAt: r.expiresAt,
      user: {
        id: String(r.user.id),
        username: r.user.username,
        displayName: r.user.displayName,
        role: r.user.role,
        jurisdiction: unit ? toJurisdiction(unit) : null,
      },
    };
  }

  @Mutation(() => Boolean, { description: 'Revokes the token this request is sent with (a login token or an API token).' })
  async logout(@Context() ctx: GqlContext) {
    const actor = await ctx.actor();
    requireLogin(actor);
    await this.auth.logout(actor, ctx.req.headers.authorization ?? '');
    return true;
  }

  @Mutation(() => TokensRevoked, {
    description: 'Admins: every login and API token of a user stops working at once (the user logs in again).',
  })
  async revokeUserTokens(@Args('username') username: string, @Context() ctx: GqlContext) {
    const actor = await ctx.actor();
    requireLogin(actor);
    const apiTokens = await this.auth.revokeAllTokens(actor, username);
    return { username, apiTokens };
  }

  @Query(() => UserType, { nullable: true, description: 'The logged-in user, or null' })
  async me(@Context() ctx: GqlContext) {
    const actor = await ctx.actor();
    if (actor.id === null) return null;
    const unit = actor.jurisdictionId ? await this.units.get(actor.jurisdictionId) : null;
    return { id: String(actor.id), username: actor.username, displayName: actor.username, role: actor.role, jurisdiction: unit ? toJurisdiction(unit) : null };
  }

  @Mutation(() => ApiTokenResult, { description: 'A token for scripts (analysts and admins).' })
  async createApiToken(@Args('name') name: string, @Context() ctx: GqlContext, @Args('days', { type: () => Int, nullable: true }) days?: number) {
    const actor = await ctx.actor();
    requireLogin(actor);
    if (actor.role !== 'analyst' && actor.role !== 'admin') deny('创建 API 令牌');
    const d = days ?? 90;
    const r = await this.auth.createApiToken(actor, name, d);
    return { ...r, days: d };
  }
}
