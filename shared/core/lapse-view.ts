import type { Customer, CustomerRecord } from './customer';
import { getCustomerRecord } from './customer-commands';
import { historyFromAggregates } from './lapse/customer-history';
import { explainLapse } from './lapse/explain-lapse';
import { assessLapse, type LapseAssessment } from './lapse/lapse-assessment';
import type { LapsePolicy } from './lapse/lapse-policy';
import type { ShopLapseModel } from './lapse/shop-lapse-model';
import type { Clock, CustomerRepository } from './ports';
import type { ShopSettings } from './settings';
import { dayInZone, type CalendarDay } from './time-zone';

/** What the customer API shows about lapse: the figures and one sentence in each language. */
export type LapseView = LapseAssessment & { explanation: { vi: string; en: string } };

/** The customer's lapse as of `today` (the shop's day); null for someone who has never bought. */
export function lapseView(
  customer: Pick<Customer, 'aggregates'>,
  policy: LapsePolicy,
  model: ShopLapseModel | null,
  today: CalendarDay,
): LapseView | null {
  const history = historyFromAggregates(customer.aggregates);
  if (history === null) return null;
  const assessment = assessLapse(policy, history, model, today);
  return {
    ...assessment,
    explanation: {
      vi: explainLapse(assessment, history, today, 'vi'),
      en: explainLapse(assessment, history, today, 'en'),
    },
  };
}

/** A person's whole record, with their lapse as of today: what GET /customers/{id} answers. */
export async function customerView(
  deps: {
    customers: CustomerRepository;
    settings: ShopSettings;
    lapseModel: ShopLapseModel | null;
    clock: Clock;
  },
  customerId: string,
): Promise<CustomerRecord & { lapse: LapseView | null }> {
  const record = await getCustomerRecord(deps.customers, customerId);
  const today = dayInZone(deps.clock.now().toISOString(), deps.settings.timeZone);
  return {
    ...record,
    lapse: lapseView(record.customer, deps.settings.lapsePolicy, deps.lapseModel, today),
  };
}
