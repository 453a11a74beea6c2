import type { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { encodeCursor, type Page } from './pagination.js';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;
  @Field()
  hasPreviousPage: boolean;
  @Field(() => String, { nullable: true })
  startCursor: string | null;
  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A Relay connection type for `T`, with `totalCount`. */
export function Connection<T>(node: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor: string;
    @Field(() => node)
    node: T;
  }
  @ObjectType(`${name}Connection`)
  class Conn {
    @Field(() => [Edge])
    edges: Edge[];
    @Field(() => PageInfo)
    pageInfo: PageInfo;
    @Field(() => Int)
    totalCount: number;
  }
  return Conn as Type<ConnectionShape<T>>;
}

/** An edge whose cursor is encoded only when a query reads it: most ask only for nodes. */
class PageEdge<T> {
  constructor(
    private readonly position: number,
    readonly node: T,
  ) {}
  get cursor(): string {
    return encodeCursor(this.position);
  }
}

export function toConnection<S, T>(page: Page<S>, map: (s: S) => T): ConnectionShape<T> {
  const edges = page.items.map((item, i) => new PageEdge(page.offset + i + 1, map(item)));
  return {
    edges,
    totalCount: page.totalCount,
    pageInfo: {
      hasNextPage: page.offset + page.items.length < page.totalCount,
      hasPreviousPage: page.offset > 0,
      startCursor: edges.length > 0 ? encodeCursor(page.offset + 1) : null,
      endCursor: edges.length > 0 ? encodeCursor(page.offset + edges.length) : null,
    },
  };
}
