import { ShopSettingsPatch } from '../../shared/core/settings';
import { updateSettings } from '../../shared/core/settings-commands';
import { ok, ownerRoute } from '../runtime/http-route';

export const handler = ownerRoute(async (request, services) => {
  const patch = request.body(ShopSettingsPatch);
  return ok(
    await updateSettings({ settings: services.settingsStore(), clock: services.clock }, patch),
  );
});
