import type { ProblemDetails } from './problem';

/** A problem that belongs to the HTTP layer itself: wrong content type, body too large, bad JSON. */
export class HttpProblem extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail);
    this.name = 'HttpProblem';
  }

  static unsupportedMediaType(
    received: string | undefined,
    expected: 'application/json' | 'application/x-www-form-urlencoded' = 'application/json',
  ): HttpProblem {
    return new HttpProblem({
      type: '/problems/unsupported-media-type',
      title: expected === 'application/json' ? 'Send JSON' : 'Send a form',
      status: 415,
      detail: `The body must be ${expected}; received ${received ?? 'no content type'}.`,
    });
  }

  static payloadTooLarge(limitBytes: number): HttpProblem {
    return new HttpProblem({
      type: '/problems/payload-too-large',
      title: 'The body is too large',
      status: 413,
      detail: `The body must be at most ${limitBytes} bytes.`,
    });
  }

  static malformedJson(): HttpProblem {
    return new HttpProblem({
      type: '/problems/malformed-json',
      title: 'The body is not valid JSON',
      status: 400,
      detail: 'The body could not be parsed as JSON.',
      errors: [{ field: 'body', message: 'is not valid JSON' }],
    });
  }

  static missingBody(): HttpProblem {
    return new HttpProblem({
      type: '/problems/invalid-input',
      title: 'The request has invalid fields',
      status: 400,
      detail: 'Check body: a JSON body is required.',
      errors: [{ field: 'body', message: 'is required' }],
    });
  }

  static unauthorized(): HttpProblem {
    return new HttpProblem({
      type: '/problems/unauthorized',
      title: 'Sign in first',
      status: 401,
      detail: 'A valid bearer token is required.',
    });
  }
}
