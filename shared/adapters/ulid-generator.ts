import { monotonicFactory } from 'ulid';
import type { IdGenerator } from '../core/ports';

/** ULIDs, monotonic within one process so ids made in the same millisecond still sort. */
export class UlidGenerator implements IdGenerator {
  private readonly next = monotonicFactory();

  newId(): string {
    return this.next();
  }
}
