import { OrderInput, OrderPath } from '../../shared/core/order';
import type { OrderObserver } from '../../shared/core/order-observer';
import { recordOrder } from '../../shared/core/record-order';
import { ownerRoute } from '../runtime/http-route';
import { logger } from '../runtime/observability';

/**
 * PUT is idempotent: the same order sent again changes nothing; a new status updates it. A new
 * order is then shown to the order observers (journeys it ends, messages it is attributed to);
 * the order is saved by then, so an observer's failure is logged, not returned.
 */
export const handler = ownerRoute(async (request, services) => {
  const deps = { ...(await services.customerCommands()), lapseModel: await services.lapseModel() };
  const { customerId, source, orderId } = request.path(OrderPath);
  const input = request.body(OrderInput);
  const result = await recordOrder(deps, { customerId, source, orderId }, input);
  if (result.outcome === 'created') {
    const event = { customer: result.customer, order: result.order, now: result.order.updatedAt };
    // Building them reads settings, which may fail too: the order is saved, so log and go on.
    let observers: readonly OrderObserver[] = [];
    try {
      observers = await services.orderObservers();
    } catch (error) {
      logger.error('The order observers could not be built', { error: error as Error });
    }
    const settled = await Promise.allSettled(observers.map((observe) => observe(event)));
    for (const outcome of settled) {
      if (outcome.status === 'rejected')
        logger.error('An order observer failed', { error: outcome.reason as Error });
    }
  }
  return {
    status: result.outcome === 'created' ? 201 : 200,
    body: { order: result.order, outcome: result.outcome },
  };
});
