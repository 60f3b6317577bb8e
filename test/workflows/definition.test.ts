import { describe, expect, it } from 'vitest';
import { invalidInputFrom } from '../../shared/adapters/http/zod-issues';
import { builtInTemplate } from '../../shared/core/templates/built-in-templates';
import {
  WorkflowDefinition,
  defaultWinBack,
  waitMillis,
  type WorkflowDefinitionInput,
} from '../../workflows/definition';
import { DAY, HOUR } from './fixtures';

const minimal: WorkflowDefinitionInput = {
  id: 'spring-sale',
  kind: 'promotion',
  enabled: true,
  steps: [{ id: 'email', channel: 'email', templateId: 'promotion-email', purpose: 'marketing' }],
};

function fieldsOf(input: unknown): string[] {
  const result = WorkflowDefinition.safeParse(input);
  if (result.success) throw new Error('expected the definition to be refused');
  return invalidInputFrom(result.error, 'definition').issues.map((issue) => issue.field);
}

describe('WorkflowDefinition', () => {
  describe('defaults', () => {
    it('holds out 10%, cools down 90 days, exits on every condition and waits nothing', () => {
      const definition = WorkflowDefinition.parse(minimal);
      expect(definition.holdoutShare).toBe(0.1);
      expect(definition.coolDownDays).toBe(90);
      expect(definition.exitOn).toEqual([
        'ordered_since_enrollment',
        'consent_withdrawn',
        'unsubscribed',
      ]);
      expect(definition.steps[0]?.waitBefore).toEqual({ days: 0, hours: 0 });
    });
  });

  describe('validation errors name the field', () => {
    it('names a wait of the wrong shape by its path', () => {
      const steps = [
        ...minimal.steps,
        { id: 'sms', channel: 'sms', templateId: 'x', purpose: 'marketing', waitBefore: 'P3D' },
      ];
      expect(fieldsOf({ ...minimal, steps })).toEqual(['steps.1.waitBefore']);
    });

    it('names hours beyond a day and negative days', () => {
      const step = { ...minimal.steps[0], waitBefore: { days: -1, hours: 24 } };
      expect(fieldsOf({ ...minimal, steps: [step] })).toEqual([
        'steps.0.waitBefore.days',
        'steps.0.waitBefore.hours',
      ]);
    });

    it('names a holdout share above one half', () => {
      expect(fieldsOf({ ...minimal, holdoutShare: 0.6 })).toEqual(['holdoutShare']);
    });

    it('names an id that is not a slug, an unknown channel and an unknown kind', () => {
      const step = { ...minimal.steps[0], channel: 'zalo' };
      expect(fieldsOf({ ...minimal, id: 'Spring Sale', kind: 'drip', steps: [step] })).toEqual([
        'id',
        'kind',
        'steps.0.channel',
      ]);
    });

    it('names the second of two steps with the same id', () => {
      const step = minimal.steps[0];
      expect(fieldsOf({ ...minimal, steps: [step, step] })).toEqual(['steps.1.id']);
    });

    it('names an unknown exit condition and a field it does not know', () => {
      expect(fieldsOf({ ...minimal, exitOn: ['clicked'], colour: 'red' })).toEqual([
        'exitOn.0',
        'colour',
      ]);
    });

    it('refuses a workflow without steps', () => {
      expect(fieldsOf({ ...minimal, steps: [] })).toEqual(['steps']);
    });
  });

  describe('the default win-back', () => {
    it('emails now, then texts three days later, with built-in marketing templates', () => {
      const [email, sms, ...rest] = defaultWinBack.steps;
      expect(rest).toEqual([]);
      expect(email).toMatchObject({ channel: 'email', purpose: 'marketing' });
      expect(sms).toMatchObject({ channel: 'sms', purpose: 'marketing' });
      expect(email && waitMillis(email.waitBefore)).toBe(0);
      expect(sms && waitMillis(sms.waitBefore)).toBe(3 * DAY);
      expect(builtInTemplate(email?.templateId ?? '')?.channel).toBe('email');
      expect(builtInTemplate(sms?.templateId ?? '')?.channel).toBe('sms');
    });

    it('is a valid definition of kind win_back, enabled', () => {
      expect(WorkflowDefinition.parse(defaultWinBack)).toEqual(defaultWinBack);
      expect(defaultWinBack).toMatchObject({ kind: 'win_back', enabled: true });
    });
  });

  describe('waits', () => {
    it('counts a day as 24 hours', () => {
      expect(waitMillis({ days: 1, hours: 6 })).toBe(30 * HOUR);
    });
  });
});
