import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError, VersionMismatchError } from '../../shared/core/errors';
import { workflowTally } from '../../shared/core/results/tally';
import { DynamoTemplateRepository } from '../../shared/adapters/dynamodb/template-repository';
import {
  builtInTemplate,
  promotionEmail,
  winBackSms,
} from '../../shared/core/templates/built-in-templates';
import { defaultWinBack, WorkflowDefinition } from '../../workflows/definition';
import { planWorkflows } from '../../workflows/planner';
import {
  getWorkflow,
  replaceWorkflow,
  switchWorkflow,
  WorkflowNotFoundError,
} from '../../workflows/workflow-commands';
import { createStore, type StoreFixture } from '../helpers/store';
import {
  DAY,
  lapsedCustomer,
  plannerDeps,
  RecordingQueue,
  winBackAdapters,
  winBackShop,
} from './win-back-fixture';

let store: StoreFixture;
beforeAll(async () => {
  store = await createStore();
});
afterAll(async () => store.table.dropTable());

const templates = () => new DynamoTemplateRepository(store.documentClient, store.table.tableName);

const deps = () => ({
  definitions: winBackAdapters(store).definitions,
  template: async (id: string) => (await templates().get(id))?.template ?? builtInTemplate(id),
  settings: winBackShop,
});

/** The built-in win-back journey with step `index` changed. */
const withStep = (index: number, change: Record<string, unknown>) =>
  WorkflowDefinition.parse({
    ...defaultWinBack,
    steps: defaultWinBack.steps.map((step, at) => (at === index ? { ...step, ...change } : step)),
  });

/**
 * The field issues a definition is refused with, or undefined when it passes validation. A stale
 * version is named, so a valid definition is refused after validation and nothing is written.
 */
const refusalOf = (definition: WorkflowDefinition) =>
  replaceWorkflow(deps(), 'win-back', definition, 999).then(
    () => {
      throw new Error('saved despite the stale version');
    },
    (error: unknown) => {
      if (error instanceof VersionMismatchError) return undefined;
      if (error instanceof InvalidInputError) return error.issues;
      throw error;
    },
  );

describe('workflow definitions', () => {
  it('reads the built-in win-back journey at version 0 until the owner saves one', async () => {
    expect(await getWorkflow(deps(), 'win-back')).toEqual({
      definition: defaultWinBack,
      version: 0,
    });
  });

  it('knows no other workflow', async () => {
    await expect(getWorkflow(deps(), 're-activation')).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );
  });

  it('refuses a step naming an unknown template, naming the step, and writes nothing', async () => {
    const definition = WorkflowDefinition.parse({
      ...defaultWinBack,
      steps: [defaultWinBack.steps[0], { ...defaultWinBack.steps[1], templateId: 'no-such' }],
    });

    const refusal = await replaceWorkflow(deps(), 'win-back', definition, undefined).catch(
      (error: unknown) => error,
    );

    expect(refusal).toBeInstanceOf(InvalidInputError);
    expect((refusal as InvalidInputError).issues).toEqual([
      { field: 'steps.1.templateId', message: 'names no template: no-such' },
    ]);
    expect((await getWorkflow(deps(), 'win-back')).version).toBe(0);
  });

  it("refuses a step whose template is for another channel, naming the step's channel", async () => {
    expect(await refusalOf(withStep(0, { templateId: winBackSms.id }))).toEqual([
      { field: 'steps.0.channel', message: 'must be sms, as template win-back-sms is' },
    ]);
  });

  it('refuses a transactional win-back step, and one whose template is for another purpose', async () => {
    expect(await refusalOf(withStep(0, { purpose: 'transactional' }))).toEqual([
      { field: 'steps.0.purpose', message: 'must be marketing for a win-back step' },
    ]);
    expect(await refusalOf(withStep(1, { templateId: 'outage-order-sms' }))).toEqual([
      {
        field: 'steps.1.purpose',
        message: 'must be transactional, as template outage-order-sms is',
      },
    ]);
  });

  it('refuses a step whose template does not render with its variables', async () => {
    // The promotion email needs the owner's `offer`, which this step does not give.
    const issues = await refusalOf(withStep(0, { templateId: promotionEmail.id }));
    expect(issues).toEqual([
      { field: 'steps.0.variables', message: expect.stringContaining('offer') },
    ]);

    const withOffer = withStep(0, { templateId: promotionEmail.id, variables: { offer: '-20%' } });
    expect(await refusalOf(withOffer)).toBeUndefined();
  });

  it('knows a template the owner saved a moment ago (no cache in between)', async () => {
    const own = { ...winBackSms, id: 'just-saved-sms' };
    await templates().save({ template: own, version: 1, updatedAt: '2026-11-23T00:00:00.000Z' }, 0);
    expect(await refusalOf(withStep(1, { templateId: own.id }))).toBeUndefined();
  });

  it('saves a new definition against the version read, and refuses a stale one', async () => {
    const longer = WorkflowDefinition.parse({
      ...defaultWinBack,
      coolDownDays: 120,
      steps: [
        {
          ...defaultWinBack.steps[0],
          variables: { voucherCode: 'QUAYLAI10', offer: 'Giảm 10% cho đơn tiếp theo' },
        },
        defaultWinBack.steps[1],
      ],
    });

    const saved = await replaceWorkflow(deps(), 'win-back', longer, 0);

    expect(saved.version).toBe(1);
    expect(await getWorkflow(deps(), 'win-back')).toEqual({ definition: longer, version: 1 });
    await expect(replaceWorkflow(deps(), 'win-back', longer, 0)).rejects.toBeInstanceOf(
      VersionMismatchError,
    );
  });

  it("puts a step's variables on its send job", async () => {
    const customer = await lapsedCustomer(store, { holdout: false });
    const queue = new RecordingQueue();

    await planWorkflows(plannerDeps(store, queue));

    expect(queue.jobs).toEqual([
      expect.objectContaining({
        customerId: customer.id,
        variables: { voucherCode: 'QUAYLAI10', offer: 'Giảm 10% cho đơn tiếp theo' },
      }),
    ]);
  });

  it('turned off, enrolls no one and ends the journeys under way at their next step', async () => {
    const newcomer = await lapsedCustomer(store);
    await switchWorkflow(deps(), 'win-back', { enabled: false }, undefined);
    store.clock.advance(3 * DAY + 60_000);
    const queue = new RecordingQueue();

    const result = await planWorkflows(plannerDeps(store, queue));

    expect(result).toMatchObject({ candidates: 0, enrolled: 0, exited: 1 });
    expect(queue.jobs).toEqual([]);
    expect(await winBackAdapters(store).enrollments.ofCustomer(newcomer.id)).toEqual([]);
    expect(await winBackAdapters(store).tallies.read(workflowTally('win-back'))).toMatchObject({
      'exited.workflow_disabled': 1,
    });
  });
});
