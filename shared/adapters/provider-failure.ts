import {
  ProviderOutcomeUnknownError,
  ProviderRejectedError,
  ProviderThrottledError,
  type ProviderSendError,
} from '../core/messaging/errors';
import type { Channel } from '../core/consent';

/** The parts of an AWS SDK service exception the translation needs. */
interface ServiceFailure {
  readonly name: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly $retryable?: { readonly throttling?: boolean };
}

// The connection was never made: nothing reached the provider.
const notConnected = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
// The connection broke or timed out after the request may have been written.
const connectionLost = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED']);
// Errors the SDK's HTTP handler raises without a modeled class; only their names identify them.
const cutOffNames = new Set(['TimeoutError', 'AbortError', 'RequestTimeout']);

/**
 * Translates a failure no modeled exception class covered: throttling and 4xx become throttled
 * or rejected, 5xx and a lost connection become unknown, an unreachable endpoint is rejected
 * (retryable). Anything unrecognised is unknown: a guess must never risk a duplicate send.
 */
export function translateUnmodeledFailure(channel: Channel, error: unknown): ProviderSendError {
  const options = { cause: error };
  if (!(error instanceof Error))
    return new ProviderOutcomeUnknownError(channel, 'unknown', options);
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== undefined && notConnected.has(code)) {
    return new ProviderRejectedError(channel, code, true, options);
  }
  if (code !== undefined && connectionLost.has(code)) {
    return new ProviderOutcomeUnknownError(channel, code, options);
  }
  if (cutOffNames.has(error.name))
    return new ProviderOutcomeUnknownError(channel, error.name, options);
  const service = error as ServiceFailure;
  const status = service.$metadata?.httpStatusCode;
  if (service.$retryable?.throttling === true || status === 429) {
    return new ProviderThrottledError(channel, error.name, options);
  }
  if (status !== undefined && status >= 400 && status < 500) {
    return new ProviderRejectedError(channel, error.name, false, options);
  }
  return new ProviderOutcomeUnknownError(channel, error.name || 'unknown', options);
}
