import { withOptimisticRetry } from './optimistic-retry';
import type { Clock, SettingsRepository } from './ports';
import { applySettingsPatch, type ShopSettings, type ShopSettingsPatch } from './settings';

export async function updateSettings(
  deps: { settings: SettingsRepository; clock: Clock },
  patch: ShopSettingsPatch,
): Promise<ShopSettings> {
  return withOptimisticRetry(async () => {
    const current = await deps.settings.get();
    const next = applySettingsPatch(current, patch, deps.clock.now().toISOString());
    await deps.settings.save(next, current.version);
    return next;
  });
}
