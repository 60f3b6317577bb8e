import { z } from 'zod';
import { Channel } from '../consent';
import { CustomerNotFoundError, InvalidInputError } from '../errors';
import type { CustomerRepository, IdGenerator, JobQueue } from '../ports';
import type { MessageTemplate } from '../templates/message-template';
import { messageKey, type SendJob } from './send-job';

/** The owner's request for one test message to one customer, through the real send path. */
export const TestMessageRequest = z.strictObject({
  channel: Channel,
  /**
   * A built-in template of that channel; the win-back template of the channel when absent (it
   * needs no campaign variables, where the promotion template needs its `offer`).
   */
  templateId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'is not a template id')
    .optional(),
});
export type TestMessageRequest = z.infer<typeof TestMessageRequest>;

/** The workflow and step test messages are recorded under. */
export const TEST_MESSAGE_WORKFLOW = 'test-message';

export interface TestMessageQueued {
  readonly messageKey: string;
  readonly job: SendJob;
}

/**
 * Queues a test message like any other send job: the same consent, quiet hours and cap rules
 * apply, and the ledger shows what happened. Each request is a run of its own (a new id), so a
 * second test is a new message, never a duplicate of the first.
 */
export async function requestTestMessage(
  deps: {
    readonly customers: Pick<CustomerRepository, 'getProfile'>;
    readonly templates: (templateId: string) => MessageTemplate | undefined;
    readonly queue: JobQueue<SendJob>;
    readonly ids: IdGenerator;
  },
  customerId: string,
  request: TestMessageRequest,
): Promise<TestMessageQueued> {
  const templateId = request.templateId ?? `win-back-${request.channel}`;
  const template = deps.templates(templateId);
  if (template === undefined)
    throw InvalidInputError.forField('templateId', 'is not a built-in template');
  if (template.channel !== request.channel)
    throw InvalidInputError.forField('templateId', `is not a template for ${request.channel}`);
  // An erased customer throws CustomerErasedError here (410), an unknown one is a 404.
  const customer = await deps.customers.getProfile(customerId);
  if (customer === undefined) throw new CustomerNotFoundError(customerId);
  const job: SendJob = {
    workflow: TEST_MESSAGE_WORKFLOW,
    runId: deps.ids.newId(),
    step: 'test',
    customerId,
    channel: request.channel,
    templateId,
    purpose: template.purpose,
  };
  await deps.queue.send(job);
  return { messageKey: messageKey(job), job };
}
