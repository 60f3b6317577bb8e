import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { DeferredJobStore } from '../../shared/core/messaging/deferred-jobs';
import { dispatch } from '../../shared/core/messaging/dispatch';
import type { DispatchDeps } from '../../shared/core/messaging/dispatch-deps';
import { messageKey, SendJob } from '../../shared/core/messaging/send-job';
import type { Clock, JobQueue } from '../../shared/core/ports';
import { BatchTally } from '../../shared/core/results/message-counts';
import type { TallyStore } from '../../shared/core/results/tally';
import { logger } from './observability';
import { sendJobAction, type SendJobAction, type SendJobResult } from './send-job-action';
import type { SendMetrics } from './send-metrics';
import type { SendRedelivery } from './send-queues';

/** What the send worker runs on; production wiring in workers/dispatch-send.ts, fakes in tests. */
export interface SendWorkerDeps {
  /** Built once per batch (settings are cached for a minute anyway). */
  dispatchDeps(): Promise<DispatchDeps>;
  readonly queue: JobQueue<SendJob>;
  readonly deferredJobs: DeferredJobStore;
  readonly redelivery: SendRedelivery;
  readonly clock: Clock;
  /** Resolves when the next provider call may go (see TokenBucket). */
  readonly rateLimit: { take(): Promise<void> };
  readonly metrics?: SendMetrics;
  /** Where each batch adds its messages' outcomes (sent, failed, skipped by reason, …). */
  readonly tallies?: TallyStore;
}

/** Thrown to leave a record on the queue; its visibility was already set. */
class LeftOnQueue extends Error {
  override readonly name = 'LeftOnQueue';
}

/**
 * The send queue's consumer: each record is one SendJob, dispatched once; the outcome decides
 * (sendJobAction) whether it is done, delayed, deferred, retried later or dead-lettered. Failed
 * records are reported back (partial batch response), so SQS keeps only them.
 */
export function sendJobWorker(wiring: () => Promise<SendWorkerDeps>) {
  const processor = new BatchProcessor(EventType.SQS);
  return middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(injectLambdaContext(logger))
    .handler(async (event, context) => {
      const deps = await wiring();
      const dispatchDeps = rateLimited(await deps.dispatchDeps(), deps.rateLimit);
      const tally = new BatchTally();
      try {
        return await processPartialResponse(
          event,
          (record: SQSRecord) => handleRecord(deps, dispatchDeps, record, tally),
          processor,
          { context, throwOnFullBatchFailure: false },
        );
      } finally {
        await addCounts(deps.tallies, tally);
        deps.metrics?.flush();
      }
    });
}

/** Every provider call of the batch waits for a token: a batch never sends faster than the rate. */
function rateLimited(deps: DispatchDeps, limit: { take(): Promise<void> }): DispatchDeps {
  const { email, sms } = deps;
  return {
    ...deps,
    email: { send: async (message) => (await limit.take(), email.send(message)) },
    sms: { send: async (message) => (await limit.take(), sms.send(message)) },
  };
}

function parseJob(body: string): { ok: true; job: SendJob } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, problem: 'the body is not JSON' };
  }
  const parsed = SendJob.safeParse(json);
  if (parsed.success) return { ok: true, job: parsed.data };
  // Paths and messages only: the values could be anything.
  const problem = parsed.error.issues
    .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
    .join('; ');
  return { ok: false, problem };
}

async function handleRecord(
  deps: SendWorkerDeps,
  dispatchDeps: DispatchDeps,
  record: SQSRecord,
  tally: BatchTally,
): Promise<void> {
  const receiveCount = Number(record.attributes.ApproximateReceiveCount) || 1;
  const parsed = parseJob(record.body);
  let result: SendJobResult;
  if (!parsed.ok) {
    result = { kind: 'invalid', problem: parsed.problem };
  } else {
    try {
      const now = deps.clock.now().toISOString();
      result = { kind: 'outcome', outcome: await dispatch(dispatchDeps, parsed.job, now) };
      tally.addOutcome(parsed.job, result.outcome);
    } catch (error) {
      result = { kind: 'error', error };
    }
  }
  const action = sendJobAction(result, { now: deps.clock.now(), receiveCount });
  deps.metrics?.count(action.metric);
  log(record, receiveCount, parsed.ok ? messageKey(parsed.job) : undefined, result, action);
  switch (action.kind) {
    case 'ack':
      return;
    case 'requeue':
      if (parsed.ok) await deps.queue.send(parsed.job, { delaySeconds: action.delaySeconds });
      return;
    case 'store':
      if (parsed.ok) await deps.deferredJobs.defer(parsed.job, action.until);
      return;
    case 'deadLetter':
      await deps.redelivery.deadLetter(record.body, action.reason);
      return;
    case 'retry':
      await deps.redelivery.retryAfter(record.receiptHandle, action.visibilitySeconds);
      throw new LeftOnQueue(`left on the queue (${action.reason})`);
  }
}

/**
 * One increment per owner for the whole batch, after its records are settled. A failed write is
 * logged and dropped, never retried with the messages: the ledger already holds each message's
 * outcome, and redoing the batch would count again. So a count can be lost (a crash or an error
 * here) but never doubled.
 */
async function addCounts(tallies: TallyStore | undefined, tally: BatchTally): Promise<void> {
  if (tallies === undefined) return;
  await Promise.all(
    tally.entries().map(([owner, counts]) =>
      tallies.add(owner, counts).catch((error: unknown) => {
        logger.error('Message counts lost', { owner, counts, error: errorSummary(error) });
      }),
    ),
  );
}

/** One line per record; ids and reasons only, never an address or a message text. */
function log(
  record: SQSRecord,
  receiveCount: number,
  key: string | undefined,
  result: SendJobResult,
  action: SendJobAction,
): void {
  const fields = {
    messageId: record.messageId,
    receiveCount,
    ...(key !== undefined && { messageKey: key }),
    action: action.kind,
    ...(result.kind === 'outcome' && { outcome: summary(result.outcome) }),
    ...(result.kind === 'invalid' && { problem: result.problem }),
    ...(result.kind === 'error' && { error: errorSummary(result.error) }),
    ...('reason' in action && { reason: action.reason }),
    ...(action.kind === 'requeue' && { delaySeconds: action.delaySeconds }),
    ...(action.kind === 'store' && { until: action.until }),
  };
  if (action.kind === 'deadLetter') logger.error('Send job dead-lettered', fields);
  else if (result.kind === 'error' && action.kind === 'retry')
    logger.warn('Send job left on the queue', fields);
  else logger.info('Send job handled', fields);
}

function summary(outcome: Extract<SendJobResult, { kind: 'outcome' }>['outcome']) {
  const { key: _key, ...rest } = outcome;
  return rest;
}

function errorSummary(error: unknown) {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  // Our errors carry ids, never personal data; the cause's name says which provider error it was.
  const cause = error.cause instanceof Error ? { cause: error.cause.name } : {};
  return { name: error.name, message: error.message, ...cause };
}
