import { Enrollment } from '../../../workflows/enrollment';
import { enrollmentDueKeys, keys, type ItemKey } from './keys';

type Item = Record<string, unknown>;

/** The compact UTC start an enrollment id ends with (`…:20261123T000000000Z`). */
function compactStart(enrollmentId: string): string {
  return enrollmentId.slice(enrollmentId.lastIndexOf(':') + 1);
}

export function enrollmentKey(
  enrollment: Pick<Enrollment, 'id' | 'customerId' | 'workflowId'>,
): ItemKey {
  return keys.enrollment(enrollment.customerId, enrollment.workflowId, compactStart(enrollment.id));
}

/**
 * An enrollment as stored. Only an active one carries the due-index keys, so writing an ended one
 * whole takes it off the index.
 */
export function enrollmentItem(enrollment: Enrollment): Item {
  const valid = Enrollment.parse(enrollment);
  return {
    ...enrollmentKey(valid),
    ...(valid.status === 'active' && enrollmentDueKeys(valid.nextAt, valid.id)),
    ...valid,
  };
}

export function parseEnrollment(item: Item): Enrollment {
  const { pk, sk, duePk, dueSk, ...domain } = item;
  return Enrollment.parse(domain);
}

/** The enrollment, or undefined when the item does not parse (the caller skips and reports it). */
export function safeParseEnrollment(item: Item): Enrollment | undefined {
  const { pk, sk, duePk, dueSk, ...domain } = item;
  const parsed = Enrollment.safeParse(domain);
  return parsed.success ? parsed.data : undefined;
}
