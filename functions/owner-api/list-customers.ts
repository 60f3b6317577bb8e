import { z } from 'zod';
import { ok, ownerRoute } from '../runtime/http-route';

export const ListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});

export const handler = ownerRoute(async (request, services) => {
  const page = request.query(ListQuery);
  return ok(await (await services.customers()).list(page));
});
