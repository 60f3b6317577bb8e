import { DynamoCapWindowStore } from '../../shared/adapters/dynamodb/cap-window-store';
import { campaignExists } from '../../shared/adapters/dynamodb/campaign-existence';
import { DynamoDeliveryReceipts } from '../../shared/adapters/dynamodb/delivery-receipts';
import {
  CachedTemplateLookup,
  DynamoTemplateRepository,
} from '../../shared/adapters/dynamodb/template-repository';
import { attributionObserver, countUnsubscribe } from '../../shared/core/results/attribution';
import { builtInTemplate } from '../../shared/core/templates/built-in-templates';
import type { TemplateLookup } from '../../shared/core/templates/template-catalog';

/**
 * The results and template services' parts that keep state or need their own imports, so that
 * services.ts only names them (see its results and template anchor).
 */
export {
  attributionObserver,
  campaignExists,
  countUnsubscribe,
  DynamoCapWindowStore,
  DynamoDeliveryReceipts,
  DynamoTemplateRepository,
};
export type { TemplateLookup };

let cachedLookup: CachedTemplateLookup | undefined;

/**
 * Templates as the dispatcher uses them: the shop's own loaded once and kept for a minute per
 * function instance, the built-ins behind them. Workflow validation reads the repository itself
 * (see replace-workflow), since a template saved a moment ago must be known there.
 */
export function templateLookup(templates: () => DynamoTemplateRepository): Promise<TemplateLookup> {
  cachedLookup ??= new CachedTemplateLookup(templates(), builtInTemplate, () => Date.now());
  return cachedLookup.current();
}
