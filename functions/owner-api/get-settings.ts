import { ok, ownerRoute } from '../runtime/http-route';

export const handler = ownerRoute(async (_request, services) =>
  ok(await services.settingsStore().get()),
);
