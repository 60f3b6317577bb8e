/**
 * The core's errors. Business code only throws these; the HTTP edge maps them to problem+json in
 * one place (by class, never by name), and anything else is an internal error that is not exposed.
 */
export abstract class RegularsError extends Error {
  /** Stable, machine-readable code; also the last segment of the problem type URI. */
  abstract readonly code: string;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `total.currency` or `phone`. */
  readonly field: string;
  readonly message: string;
}

/** Input that cannot be accepted as given. */
export class InvalidInputError extends RegularsError {
  readonly code = 'invalid-input';
  constructor(
    readonly issues: readonly FieldIssue[],
    options?: ErrorOptions,
  ) {
    super(issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '), options);
  }

  static forField(field: string, message: string): InvalidInputError {
    return new InvalidInputError([{ field, message }]);
  }
}

/**
 * Something a request names does not exist: answered 404 with `title`, so each new kind of
 * thing needs no entry of its own in the HTTP error mapping.
 */
export abstract class NotFoundError extends RegularsError {
  abstract readonly title: string;
}

export class CustomerNotFoundError extends RegularsError {
  readonly code = 'customer-not-found';
  /** @param which the customer id, or a description such as "with this phone number" */
  constructor(readonly which: string) {
    super(`No customer ${which}`);
  }
}

/** The customer was erased at the person's request; only an anonymous tombstone remains. */
export class CustomerErasedError extends RegularsError {
  readonly code = 'customer-erased';
  constructor(
    readonly customerId: string,
    readonly erasedAt: string,
  ) {
    super(`Customer ${customerId} was erased on ${erasedAt}`);
  }
}

/** A phone or email already belongs to another customer. */
export class DuplicateIdentityError extends RegularsError {
  readonly code = 'duplicate-identity';
  constructor(
    readonly field: 'phone' | 'email',
    readonly existingCustomerId: string,
  ) {
    super(`This ${field} already belongs to customer ${existingCustomerId}`);
  }
}

/** The platform order id is already recorded for another customer. */
export class OrderOwnedByAnotherCustomerError extends RegularsError {
  readonly code = 'order-belongs-to-another-customer';
  constructor(readonly existingCustomerId: string) {
    super(`This order is already recorded for customer ${existingCustomerId}`);
  }
}

/** The caller asked to change a version that is no longer current (If-Match). */
export class VersionMismatchError extends RegularsError {
  readonly code = 'version-mismatch';
  constructor(
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(`Expected version ${expectedVersion}, current version is ${currentVersion}`);
  }
}

/** Another writer changed the item between our read and our write; the caller retries. */
export class ConcurrentWriteError extends RegularsError {
  readonly code = 'concurrent-write';
  constructor(what: string, options?: ErrorOptions) {
    super(`${what} changed while it was being written`, options);
  }
}

export class ExportNotFoundError extends RegularsError {
  readonly code = 'export-not-found';
  constructor(readonly exportId: string) {
    super(`No export ${exportId}`);
  }
}

/**
 * An unsubscribe link that this shop did not sign, that was altered or cut short, or that has
 * expired. It says no more than that, so a probe learns nothing about the customer list.
 */
export class InvalidUnsubscribeLinkError extends RegularsError {
  readonly code = 'unsubscribe-link-invalid';
  constructor(readonly reason: 'malformed' | 'forged' | 'expired' | 'not-yet-valid') {
    super('This unsubscribe link is not valid');
  }
}
