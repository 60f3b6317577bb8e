import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { schedules as productSchedules, type ScheduleDefinition } from '../../functions/schedules';
import { createLambdaContext } from './lambda-context';
import type { LocalHandler } from './server';

/**
 * Runs one scheduled function every `everyMs` while the local stack is up, the way EventBridge
 * Scheduler runs it in AWS (there every few minutes; locally more often, so a deferred message
 * shows up soon after it is due). Runs never overlap; `stop` waits for the one under way.
 */
export function startRepeatingSchedule(
  loadHandler: (target: { readonly handler: string }) => Promise<LocalHandler>,
  name: string,
  everyMs: number,
  log: (line: string) => void,
  schedules: readonly ScheduleDefinition[] = productSchedules,
): { stop: () => Promise<void> } {
  const schedule = schedules.find((candidate) => candidate.name === name);
  if (schedule === undefined) throw new Error(`No schedule named ${name}`);
  let running: Promise<void> | undefined;
  const runOnce = async () => {
    const handler = (await loadHandler(schedule)) as unknown as (
      event: unknown,
      context: Context,
    ) => Promise<unknown>;
    const context = createLambdaContext({
      functionName: schedule.name,
      awsRequestId: randomUUID(),
      timeoutMs: schedule.timeoutSeconds * 1000,
    });
    await handler({}, context);
  };
  const timer = setInterval(() => {
    if (running !== undefined) return;
    running = runOnce()
      .catch((error: unknown) =>
        log(`[${name}] failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => (running = undefined));
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
