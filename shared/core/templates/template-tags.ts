import Mustache from 'mustache';
import { isTemplateVariable, type TemplateVariable } from './template-variables';

/** Which part of a message a template is: HTML is escaped, the others are plain text. */
export type TemplatePart = 'subject' | 'html' | 'text' | 'sms';

/** What the parts of a template use, and what is wrong with them. */
export interface TemplateTags {
  /** Every variable the template mentions. */
  readonly used: ReadonlySet<TemplateVariable>;
  /** Variables used outside a section on themselves: rendering without them is an error. */
  readonly required: ReadonlySet<TemplateVariable>;
  /** Variables used outside every section: they appear in every rendering. */
  readonly unconditional: ReadonlySet<TemplateVariable>;
  /** Human-readable problems; empty when the template may be saved. */
  readonly problems: readonly string[];
}

// Mustache's parse tree: [type, value, start, end, children?, …].
type Token = [string, string, number, number, Token[]?, ...unknown[]];

const htmlMarkup = /<\/?[a-z][^>]*>|<!--/i;

/**
 * Parses one template part with mustache and checks its tags against the allowed variables: an
 * unknown or dotted name, a partial, a delimiter change, or (in HTML) an unescaped `{{{…}}}` is a
 * problem, and so is HTML markup in a plain-text part. Nothing here renders or throws.
 */
export function inspectTemplate(source: string, part: TemplatePart): TemplateTags {
  const used = new Set<TemplateVariable>();
  const required = new Set<TemplateVariable>();
  const unconditional = new Set<TemplateVariable>();
  const problems: string[] = [];
  let tokens: Token[];
  try {
    // A fresh writer keeps owner-edited templates out of mustache's process-wide cache.
    tokens = new Mustache.Writer().parse(source) as Token[];
  } catch (error) {
    return {
      used,
      required,
      unconditional,
      problems: [`cannot be parsed: ${(error as Error).message}`],
    };
  }
  if (part !== 'html' && htmlMarkup.test(source)) {
    problems.push('must be plain text, without HTML markup');
  }

  const visit = (list: readonly Token[], guards: ReadonlySet<string>, nested: boolean): void => {
    for (const [type, value, , , children] of list) {
      switch (type) {
        case 'text':
        case '!':
          break;
        case 'name':
        case '&':
        case '#':
        case '^': {
          if (!isTemplateVariable(value)) {
            problems.push(`uses an unknown variable {{${value}}}`);
            break;
          }
          used.add(value);
          if (type === '&' && part === 'html') {
            problems.push(`must not insert {{${value}}} unescaped in HTML; use {{${value}}}`);
          }
          if (type === 'name' || type === '&') {
            if (!guards.has(value)) required.add(value);
            if (!nested) unconditional.add(value);
          }
          if (type === '#') visit(children ?? [], new Set([...guards, value]), true);
          if (type === '^') visit(children ?? [], guards, true);
          break;
        }
        case '>':
          problems.push(`must not use a partial {{> ${value}}}`);
          break;
        case '=':
          problems.push('must not change the tag delimiters');
          break;
        default:
          problems.push(`uses an unsupported tag {{${type}${value}}}`);
      }
    }
  };
  visit(tokens, new Set(), false);
  return { used, required, unconditional, problems };
}
