import { z } from 'zod';
import { ExportFormat, ExportTable, renderCustomerFile } from './customer-file';
import type { Clock, CustomerRepository, ExportSink, IdGenerator, JobQueue } from './ports';
import { ExportNotFoundError } from './errors';

export const ExportRequest = z.strictObject({
  format: ExportFormat.default('csv'),
  table: ExportTable.default('customers'),
});
export type ExportRequest = z.infer<typeof ExportRequest>;

export const ExportId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'is not an export id');
export const ExportPath = z.strictObject({ exportId: ExportId });

/** An export runs apart from the request that asked for it: a large file takes minutes. */
export const ExportJob = z.object({
  id: ExportId,
  format: ExportFormat,
  table: z.union([ExportTable, z.literal('all')]),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  requestedAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  /** Customers written, once done. */
  customers: z.number().int().min(0).optional(),
  fileName: z.string().optional(),
  /** Why it failed, in words the owner can act on; internals stay in the logs. */
  failure: z.string().optional(),
  /** Bumped on every change; writes are conditional on it. */
  version: z.number().int().min(1),
});
export type ExportJob = z.infer<typeof ExportJob>;

export interface ExportJobRepository {
  get(id: string): Promise<ExportJob | undefined>;
  /** Writes `job` if the stored version is `job.version - 1` (0: not stored yet). */
  save(job: ExportJob): Promise<void>;
}

/** The message that hands an export to its worker. */
export const ExportJobMessage = z.strictObject({ jobId: ExportId });
export type ExportJobMessage = z.infer<typeof ExportJobMessage>;

/** Records the request and queues it; the owner polls the job until it is done. */
export async function requestExport(
  deps: {
    jobs: ExportJobRepository;
    queue: JobQueue<ExportJobMessage>;
    clock: Clock;
    ids: IdGenerator;
  },
  request: ExportRequest,
): Promise<ExportJob> {
  const job: ExportJob = {
    id: deps.ids.newId(),
    format: request.format,
    table: request.format === 'json' ? 'all' : request.table,
    status: 'queued',
    requestedAt: deps.clock.now().toISOString(),
    version: 1,
  };
  await deps.jobs.save(job);
  await deps.queue.send({ jobId: job.id });
  return job;
}

/**
 * Writes the file and marks the job done. A redelivered message for a finished job does nothing;
 * one for a job that was cut off part-way writes the file again under the same name, so the
 * owner never sees half a file.
 */
export async function runExport(
  deps: {
    jobs: ExportJobRepository;
    customers: CustomerRepository;
    sink: ExportSink;
    clock: Clock;
  },
  jobId: string,
  attempt: { final: boolean } = { final: false },
): Promise<ExportJob> {
  const queued = await deps.jobs.get(jobId);
  if (queued === undefined) throw new ExportNotFoundError(jobId);
  if (queued.status === 'done') return queued;
  const fileName = `${queued.format === 'json' ? 'customer-file' : queued.table}-${queued.id}.${queued.format}`;
  const running: ExportJob = {
    ...queued,
    status: 'running',
    startedAt: deps.clock.now().toISOString(),
    fileName,
    version: queued.version + 1,
  };
  await deps.jobs.save(running);
  let customers = 0;
  async function* counted() {
    for await (const record of deps.customers.exportRecords()) {
      customers += 1;
      yield record;
    }
  }
  try {
    const table = queued.table === 'all' ? 'customers' : queued.table;
    const chunks = renderCustomerFile(counted(), queued.format, table, running.startedAt as string);
    await deps.sink.store(fileName, contentTypeOf(queued.format), chunks);
  } catch (error) {
    await deps.jobs
      .save({
        ...running,
        status: 'failed',
        failure: attempt.final
          ? 'The export could not be written; please request a new one.'
          : 'The export could not be written; it will be retried.',
        version: running.version + 1,
      })
      .catch(() => undefined); // the original error matters more than the bookkeeping
    throw error;
  }
  const done: ExportJob = {
    ...running,
    status: 'done',
    customers,
    finishedAt: deps.clock.now().toISOString(),
    version: running.version + 1,
  };
  await deps.jobs.save(done);
  return done;
}

/** Past this, a job still marked running was cut off (the worker's limit is fifteen minutes). */
const LONGEST_RUN_MS = 20 * 60_000;

/**
 * The job, with a fresh short-lived download link once it is done. A run cut off by the
 * worker's time limit never marks itself failed, so a job running for too long is shown failed.
 */
export async function describeExport(
  deps: { jobs: ExportJobRepository; sink: ExportSink; clock: Clock },
  jobId: string,
): Promise<ExportJob & { download?: { url: string; expiresAt: string } }> {
  const job = await deps.jobs.get(jobId);
  if (job === undefined) throw new ExportNotFoundError(jobId);
  const startedAt = job.startedAt === undefined ? undefined : Date.parse(job.startedAt);
  if (
    job.status === 'running' &&
    startedAt !== undefined &&
    deps.clock.now().getTime() - startedAt > LONGEST_RUN_MS
  ) {
    return {
      ...job,
      status: 'failed',
      failure: 'The export stopped before it finished; please request a new one.',
    };
  }
  if (job.status !== 'done' || job.fileName === undefined) return { ...job };
  return { ...job, download: await deps.sink.link(job.fileName) };
}

export function contentTypeOf(format: ExportFormat): string {
  return format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8';
}
