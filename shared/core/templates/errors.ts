import { NotFoundError, RegularsError } from '../errors';

/** A template was rendered without a variable it uses outside a section: never sent half-empty. */
export class TemplateVariableMissingError extends RegularsError {
  readonly code = 'template-variable-missing';
  constructor(
    readonly templateId: string,
    readonly missing: readonly string[],
  ) {
    super(`Template ${templateId} needs ${missing.map((name) => `{{${name}}}`).join(', ')}`);
  }
}

/** The template has no text in any language (only possible for an unvalidated object). */
export class TemplateLocaleMissingError extends RegularsError {
  readonly code = 'template-locale-missing';
  constructor(
    readonly templateId: string,
    readonly locale: string,
  ) {
    super(`Template ${templateId} has no ${locale} text`);
  }
}

/** Neither a built-in template nor one of the shop's own has this id. */
export class TemplateNotFoundError extends NotFoundError {
  readonly code = 'template-not-found';
  readonly title = 'No such template';
  constructor(readonly templateId: string) {
    super(`No template ${templateId}: neither a built-in one nor one of the shop's own`);
  }
}
