import { z } from 'zod';

/**
 * A shop's id names its stacks and tags its resources, so it must be valid in a CloudFormation
 * stack name and stable: lower-case letters, digits and hyphens, 2 to 32 characters.
 */
export const ShopId = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? 'Context value `shopId` is missing: pass -c shopId=<your-shop>.'
        : 'Context value `shopId` must be a string: pass -c shopId=<your-shop>.',
  })
  .regex(/^[a-z0-9-]{2,32}$/, {
    error:
      'Context value `shopId` must be 2–32 characters of lower-case letters, digits and hyphens, e.g. -c shopId=an-coffee.',
  });

export type ShopId = z.infer<typeof ShopId>;

/** Validates a context value as a shop id, throwing an error that says how to fix it. */
export function parseShopId(value: unknown): ShopId {
  const result = ShopId.safeParse(value);
  if (!result.success) {
    throw new Error(result.error.issues.map((issue) => issue.message).join('\n'));
  }
  return result.data;
}
