/**
 * A GraphQL enum from an entity's `as const` list of values, so each status, decision or kind is
 * declared once: `registerEnumType(enumOf(VERSION_STATUSES), …)`. The type of the same name is the
 * union of the values.
 */
export function enumOf<const T extends readonly string[]>(values: T): { readonly [K in T[number]]: K } {
  return Object.freeze(Object.fromEntries(values.map((v) => [v, v]))) as { readonly [K in T[number]]: K };
}
