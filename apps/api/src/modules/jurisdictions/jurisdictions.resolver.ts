import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type ConnectionShape, toConnection } from '../../common/connection.js';
import type { GqlContext } from '../../common/context.js';
import { AppError } from '../../common/errors.js';
import { parseId } from '../../common/ids.js';
import { decodeCursor, pageSize } from '../../common/pagination.js';
import { toJurisdiction } from './dto/jurisdiction.mapper.js';
import { CreateJurisdictionInput, ImportResult, JurisdictionConnection, JurisdictionKindGql, JurisdictionType } from './dto/jurisdiction.types.js';
import { JurisdictionsService } from './jurisdictions.service.js';

@Resolver(() => JurisdictionType)
export class JurisdictionsResolver {
  constructor(private readonly units: JurisdictionsService) {}

  @Query(() => JurisdictionType, { description: 'One unit by id or by 行政区划代码.' })
  async jurisdiction(@Args('id', { type: () => ID, nullable: true }) id?: string, @Args('code', { nullable: true }) code?: string): Promise<JurisdictionType> {
    if (id) return toJurisdiction(await this.units.get(parseId(id)));
    if (code) return toJurisdiction(await this.units.getByCode(code));
    throw new AppError('BAD_INPUT', '请给出 id 或 code (give id or code)');
  }

  @Query(() => [JurisdictionType], { description: 'Top-level units (provinces); walk down with `children`.' })
  async jurisdictionRoots(): Promise<JurisdictionType[]> {
    return (await this.units.list({ kinds: ['province'] }, 100, 0)).items.map(toJurisdiction);
  }

  @Query(() => JurisdictionConnection, { description: 'Units under a subtree, by kind and by the year they existed.' })
  async jurisdictions(
    @Args('under', { type: () => ID, nullable: true }) under?: string,
    @Args('kinds', { type: () => [JurisdictionKindGql], nullable: true }) kinds?: JurisdictionKindGql[],
    @Args('year', { type: () => Int, nullable: true }) year?: number,
    @Args('name', { nullable: true, description: 'Part of the name' }) name?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<ConnectionShape<JurisdictionType>> {
    const page = await this.units.list({ under: under ? parseId(under, 'under') : null, kinds, year, name }, pageSize(first), decodeCursor(after));
    return toConnection(page, toJurisdiction);
  }

  @ResolveField(() => JurisdictionType, { nullable: true })
  async parent(@Parent() u: JurisdictionType, @Context() ctx: GqlContext) {
    const p = u.parentId ? await ctx.loaders.unit.load(u.parentId) : null;
    return p ? toJurisdiction(p) : null;
  }

  /** A unit has up to a few dozen children: costed as 30 each, so trees cannot fan out unbounded. */
  @ResolveField(() => [JurisdictionType], { complexity: ({ childComplexity }) => 1 + 30 * childComplexity })
  async children(@Parent() u: JurisdictionType, @Context() ctx: GqlContext) {
    return (await ctx.loaders.children.load(Number(u.id))).map(toJurisdiction);
  }

  @ResolveField(() => JurisdictionType, { nullable: true, description: 'The unit this one continues (renamed or merged).' })
  async predecessor(@Parent() u: JurisdictionType, @Context() ctx: GqlContext) {
    const p = u.predecessorId ? await ctx.loaders.unit.load(u.predecessorId) : null;
    return p ? toJurisdiction(p) : null;
  }

  @Mutation(() => JurisdictionType)
  async createJurisdiction(@Args('input') input: CreateJurisdictionInput, @Context() ctx: GqlContext) {
    const unit = await this.units.create(await ctx.actor(), {
      ...input,
      parentId: parseId(input.parentId, 'parentId'),
      predecessorId: input.predecessorId ? parseId(input.predecessorId, 'predecessorId') : null,
    });
    return toJurisdiction(unit);
  }

  @Mutation(() => ImportResult, { description: 'CSV with header name,kind,code,parent,valid_from,valid_to,predecessor; all rows or none.' })
  async importJurisdictions(@Args('csv') csv: string, @Context() ctx: GqlContext) {
    const r = await this.units.importCsv(await ctx.actor(), csv);
    return { created: r.created, units: r.units.map(toJurisdiction) };
  }
}
