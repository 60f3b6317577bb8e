import { z } from 'zod';
import { InvalidInputError, VersionMismatchError } from '../errors';
import type { Clock } from '../ports';
import { builtInTemplate, builtInTemplates } from './built-in-templates';
import { MessageTemplate } from './message-template';

/** An owner-edited template as stored: the template, its version (from 1) and when it changed. */
export const StoredTemplate = z.object({
  template: MessageTemplate,
  version: z.number().int().min(1),
  updatedAt: z.string(),
});
export type StoredTemplate = z.infer<typeof StoredTemplate>;

/** The shop's own templates, including its versions of built-in ones. */
export interface TemplateRepository {
  list(): Promise<StoredTemplate[]>;
  get(templateId: string): Promise<StoredTemplate | undefined>;
  /** Saves `next` if the stored version is still `readVersion` (0: none), else ConcurrentWriteError. */
  save(next: StoredTemplate, readVersion: number): Promise<void>;
}

/**
 * Where a template comes from: `built_in` as shipped, `edited` a built-in replaced by the owner's
 * version, `shop` one the owner added.
 */
export const TemplateOrigin = z.enum(['built_in', 'edited', 'shop']);
export type TemplateOrigin = z.infer<typeof TemplateOrigin>;

export const TemplateView = z.object({
  template: MessageTemplate,
  origin: TemplateOrigin,
  /** 0 for a built-in as shipped; send it back in If-Match to edit. */
  version: z.number().int().min(0),
  updatedAt: z.string().nullable(),
});
export type TemplateView = z.infer<typeof TemplateView>;

export const TemplateList = z.object({ templates: z.array(TemplateView) });

export const TemplatePath = z.strictObject({
  templateId: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a template id'),
});

/** A template by id, or undefined. */
export type TemplateLookup = (templateId: string) => MessageTemplate | undefined;

/** The shop's own version of a template first, then `fallback`'s (the built-ins). */
export function templateLookup(
  stored: readonly MessageTemplate[],
  fallback: TemplateLookup = builtInTemplate,
): TemplateLookup {
  const own = new Map(stored.map((template) => [template.id, template]));
  return (templateId) => own.get(templateId) ?? fallback(templateId);
}

function view(stored: StoredTemplate | undefined, templateId: string): TemplateView | undefined {
  if (stored !== undefined) {
    return {
      template: stored.template,
      origin: builtInTemplate(templateId) === undefined ? 'shop' : 'edited',
      version: stored.version,
      updatedAt: stored.updatedAt,
    };
  }
  const builtIn = builtInTemplate(templateId);
  return builtIn === undefined
    ? undefined
    : { template: builtIn, origin: 'built_in', version: 0, updatedAt: null };
}

/** One template as the owner sees it, or undefined when there is no such id. */
export async function readTemplate(
  repository: TemplateRepository,
  templateId: string,
): Promise<TemplateView | undefined> {
  return view(await repository.get(templateId), templateId);
}

/** Every built-in (the owner's version in its place when there is one), then the shop's own. */
export async function listTemplates(repository: TemplateRepository): Promise<TemplateView[]> {
  const stored = new Map((await repository.list()).map((item) => [item.template.id, item]));
  const builtIns = builtInTemplates.map(
    (template) => view(stored.get(template.id), template.id) as TemplateView,
  );
  const own = [...stored.values()]
    .filter((item) => builtInTemplate(item.template.id) === undefined)
    .sort((a, b) => a.template.id.localeCompare(b.template.id))
    .map((item) => view(item, item.template.id) as TemplateView);
  return [...builtIns, ...own];
}

/** DynamoDB's item limit is 400 KB; what is left after the key and bookkeeping attributes. */
const MAX_TEMPLATE_BYTES = 380_000;

/**
 * Saves the owner's version of a template. The path id must be the body's; a template that
 * exists (built-in or stored) keeps its channel and purpose, since workflow steps and campaigns
 * name it for one channel and one purpose. `expectedVersion` (If-Match) refuses a stale edit.
 */
export async function saveTemplate(
  deps: { readonly templates: TemplateRepository; readonly clock: Clock },
  templateId: string,
  template: MessageTemplate,
  expectedVersion: number | undefined,
): Promise<TemplateView> {
  if (template.id !== templateId) {
    throw InvalidInputError.forField('id', `must be the template id of the path (${templateId})`);
  }
  if (new TextEncoder().encode(JSON.stringify(template)).length > MAX_TEMPLATE_BYTES) {
    throw InvalidInputError.forField('locales', `must be at most ${MAX_TEMPLATE_BYTES} bytes`);
  }
  const current = await readTemplate(deps.templates, templateId);
  if (current !== undefined) {
    for (const field of ['channel', 'purpose'] as const) {
      if (template[field] !== current.template[field]) {
        throw InvalidInputError.forField(
          field,
          `must stay ${current.template[field]}: steps and campaigns use this template for it`,
        );
      }
    }
  }
  const currentVersion = current?.origin === 'built_in' ? 0 : (current?.version ?? 0);
  if (expectedVersion !== undefined && expectedVersion !== currentVersion) {
    throw new VersionMismatchError(expectedVersion, currentVersion);
  }
  const next: StoredTemplate = {
    template,
    version: currentVersion + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.templates.save(next, currentVersion);
  return view(next, templateId) as TemplateView;
}
