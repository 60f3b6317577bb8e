import {
  ConcurrentWriteError,
  CustomerErasedError,
  CustomerNotFoundError,
  NotFoundError,
  DuplicateIdentityError,
  ExportNotFoundError,
  InvalidInputError,
  InvalidUnsubscribeLinkError,
  OrderOwnedByAnotherCustomerError,
  VersionMismatchError,
} from '../../core/errors';
import { MessageNotFoundError } from '../../core/messaging/errors';
import { HttpProblem } from './http-problem';

/** An RFC 9457 problem details object, with extension members where they help the caller. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly [extension: string]: unknown;
}

const problemType = (code: string) => `/problems/${code}`;

/**
 * The one place where errors become HTTP. Known errors say what went wrong and which field; any
 * other error is internal, and its message never leaves the function.
 */
export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof HttpProblem) return error.problem;
  if (error instanceof InvalidInputError) {
    const fields = error.issues.map((issue) => issue.field).join(', ');
    return {
      type: problemType(error.code),
      title: 'The request has invalid fields',
      status: 400,
      detail: `Check ${fields}: ${error.message}`,
      errors: error.issues,
    };
  }
  if (error instanceof DuplicateIdentityError) {
    return {
      type: problemType(error.code),
      title: `This ${error.field} already belongs to a customer`,
      status: 409,
      detail: error.message,
      field: error.field,
      existingCustomerId: error.existingCustomerId,
    };
  }
  if (error instanceof OrderOwnedByAnotherCustomerError) {
    return {
      type: problemType(error.code),
      title: 'The order belongs to another customer',
      status: 409,
      detail: error.message,
      existingCustomerId: error.existingCustomerId,
    };
  }
  if (error instanceof CustomerNotFoundError) {
    return {
      type: problemType(error.code),
      title: 'No such customer',
      status: 404,
      detail: error.message,
    };
  }
  if (error instanceof InvalidUnsubscribeLinkError) {
    // The same answer whatever the reason (forged, cut short, expired): nothing to learn from it.
    return {
      type: problemType(error.code),
      title: 'This unsubscribe link is not valid',
      status: 404,
      detail:
        'The link may be incomplete or too old. Reply to the message or contact the shop to unsubscribe.',
    };
  }
  if (error instanceof ExportNotFoundError) {
    return {
      type: problemType(error.code),
      title: 'No such export',
      status: 404,
      detail: error.message,
    };
  }
  if (error instanceof NotFoundError) {
    return {
      type: problemType(error.code),
      title: error.title,
      status: 404,
      detail: error.message,
    };
  }
  if (error instanceof MessageNotFoundError) {
    return {
      type: problemType(error.code),
      title: 'No such message',
      status: 404,
      detail: error.message,
    };
  }
  if (error instanceof CustomerErasedError) {
    return {
      type: problemType(error.code),
      title: 'The customer was erased',
      status: 410,
      detail: error.message,
      erasedAt: error.erasedAt,
    };
  }
  if (error instanceof VersionMismatchError) {
    return {
      type: problemType(error.code),
      title: 'The customer changed since you read it',
      status: 412,
      detail: error.message,
      currentVersion: error.currentVersion,
    };
  }
  if (error instanceof ConcurrentWriteError) {
    return {
      type: problemType(error.code),
      title: 'Too many simultaneous changes',
      status: 409,
      detail: `${error.message}; try again.`,
    };
  }
  return {
    type: problemType('internal'),
    title: 'Internal error',
    status: 500,
    detail: 'Something went wrong on our side. It is safe to send the same request again.',
  };
}
