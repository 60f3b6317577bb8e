import { CustomerPath } from '../../shared/core/customer';
import { customerView } from '../../shared/core/lapse-view';
import { ok, ownerRoute } from '../runtime/http-route';
import { versionHeaders } from '../runtime/versioning';

/** The customer's whole record and lapse: what the owner sees, and a person's access request. */
export const handler = ownerRoute(async (request, services) => {
  const { customerId } = request.path(CustomerPath);
  const [customers, settings, lapseModel] = await Promise.all([
    services.customers(),
    services.settings().get(),
    services.lapseModel(),
  ]);
  const view = await customerView(
    { customers, settings, lapseModel, clock: services.clock },
    customerId,
  );
  return ok(view, versionHeaders(view.customer));
});
