import { OrderInput, OrderPath } from '../../shared/core/order';
import { recordOrder } from '../../shared/core/record-order';
import { ownerRoute } from '../runtime/http-route';

/** PUT is idempotent: the same order sent again changes nothing; a new status updates it. */
export const handler = ownerRoute(async (request, services) => {
  const deps = { ...(await services.customerCommands()), lapseModel: await services.lapseModel() };
  const { customerId, source, orderId } = request.path(OrderPath);
  const input = request.body(OrderInput);
  const result = await recordOrder(deps, { customerId, source, orderId }, input);
  return { status: result.outcome === 'created' ? 201 : 200, body: result };
});
