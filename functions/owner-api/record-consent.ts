import { ConsentEventInput } from '../../shared/core/consent';
import { CustomerPath } from '../../shared/core/customer';
import { recordConsent } from '../../shared/core/record-consent';
import { created, ownerRoute } from '../runtime/http-route';

export const handler = ownerRoute(async (request, services) => {
  const { customerId } = request.path(CustomerPath);
  const input = request.body(ConsentEventInput);
  return created(await recordConsent(await services.customerCommands(), customerId, input));
});
