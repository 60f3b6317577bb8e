import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError, VersionMismatchError } from '../../shared/core/errors';
import { workflowTally } from '../../shared/core/results/tally';
import { builtInTemplate } from '../../shared/core/templates/built-in-templates';
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
} from './win-back-fixture';

let store: StoreFixture;
beforeAll(async () => {
  store = await createStore();
});
afterAll(async () => store.table.dropTable());

const deps = () => ({
  definitions: winBackAdapters(store).definitions,
  templateExists: async (id: string) => builtInTemplate(id) !== undefined,
});

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
