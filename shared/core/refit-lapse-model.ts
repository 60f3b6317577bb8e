import type { Customer } from './customer';
import { customerLapse, sameLapse } from './customer-lapse';
import { ConcurrentWriteError } from './errors';
import { historyFromAggregates, type CustomerHistory } from './lapse/customer-history';
import { fitShopLapseModel, type ShopLapseModel } from './lapse/shop-lapse-model';
import { withOptimisticRetry } from './optimistic-retry';
import type { Clock, CustomerRepository, LapseModelRepository } from './ports';
import type { ShopSettings } from './settings';
import { dayInZone } from './time-zone';

export interface RefitResult {
  readonly fittedThrough: string;
  readonly customers: number;
  readonly buyers: number;
  readonly fitted: { readonly bgNbd: boolean; readonly mbgNbd: boolean };
  readonly failures: ShopLapseModel['failures'];
  /** Profiles whose due day (or the rule behind it) changed, and were rewritten. */
  readonly moved: number;
  readonly unchanged: number;
}

type ProfileLapse = Pick<Customer, 'id' | 'version' | 'aggregates' | 'lapse'>;

/**
 * Refits the shop's lapse models on every customer's history as of today (the shop's day), stores
 * the fit, and rewrites only the profiles whose due day moved. A model that does not converge is
 * stored as a failure, never as parameters, and its policy falls back to the customer's cadence.
 */
export async function refitLapseModel(deps: {
  customers: CustomerRepository;
  lapseModels: LapseModelRepository;
  settings: ShopSettings;
  clock: Clock;
}): Promise<RefitResult> {
  const today = dayInZone(deps.clock.now().toISOString(), deps.settings.timeZone);
  const profiles: ProfileLapse[] = [];
  const histories: CustomerHistory[] = [];
  for await (const { id, version, aggregates, lapse } of deps.customers.allProfiles()) {
    profiles.push({ id, version, aggregates, lapse });
    const history = historyFromAggregates(aggregates);
    if (history !== null) histories.push(history);
  }
  const model = fitShopLapseModel(histories, today);
  const stored = await deps.lapseModels.get();
  await deps.lapseModels.save(model, stored?.version ?? 0);

  let moved = 0;
  for (const profile of profiles) {
    if (await moveLapse(deps.customers, profile, deps.settings, model)) moved += 1;
  }
  return {
    fittedThrough: today,
    customers: profiles.length,
    buyers: histories.length,
    fitted: { bgNbd: model.bgNbd !== null, mbgNbd: model.mbgNbd !== null },
    failures: model.failures,
    moved,
    unchanged: profiles.length - moved,
  };
}

/** Rewrites one profile's lapse if it moved; re-reads it when an order got there first. */
async function moveLapse(
  customers: CustomerRepository,
  first: ProfileLapse,
  settings: ShopSettings,
  model: ShopLapseModel,
): Promise<boolean> {
  let profile: ProfileLapse | undefined = first;
  return withOptimisticRetry(async () => {
    if (profile === undefined) return false; // erased meanwhile
    const next = customerLapse(profile.aggregates, settings.lapsePolicy, model);
    if (sameLapse(profile.lapse, next)) return false;
    try {
      await customers.saveLapse(profile.id, next, profile.version);
      return true;
    } catch (error) {
      if (error instanceof ConcurrentWriteError)
        profile = await customers.getProfile(profile.id).catch(() => undefined);
      throw error;
    }
  });
}
