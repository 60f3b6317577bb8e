/** What the matcher needs of a route: API Gateway's `METHOD /path/{param}` route key parts. */
export interface RouteTemplate {
  readonly method: string;
  readonly path: string;
}

export type RouteMatch<R extends RouteTemplate> =
  | { readonly kind: 'found'; readonly route: R; readonly pathParameters: Record<string, string> }
  | { readonly kind: 'method-not-allowed'; readonly allowedMethods: readonly string[] }
  | { readonly kind: 'not-found' };

type Segment = { readonly literal: string } | { readonly parameter: string };

interface CompiledRoute<R> {
  readonly route: R;
  readonly segments: readonly Segment[];
}

function compile(path: string): Segment[] {
  if (!path.startsWith('/')) throw new Error(`Route path must start with "/": ${path}`);
  return splitPath(path).map((part) => {
    const parameter = /^\{([A-Za-z0-9_]+)\}$/.exec(part)?.[1];
    if (parameter) return { parameter };
    if (part.includes('{') || part.includes('}')) {
      throw new Error(
        `Unsupported path segment "${part}" in ${path} (greedy and partial parameters are not served locally)`,
      );
    }
    return { literal: part };
  });
}

function splitPath(path: string): string[] {
  return path === '/' ? [] : path.slice(1).split('/');
}

/**
 * API Gateway picks the most specific route: compared segment by segment from the left, a
 * literal beats a parameter, so `/customers/lookup` wins over `/customers/{customerId}`.
 */
function bySpecificity<R>(a: CompiledRoute<R>, b: CompiledRoute<R>): number {
  for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
    const aLiteral = 'literal' in (a.segments[i] ?? {});
    const bLiteral = 'literal' in (b.segments[i] ?? {});
    if (aLiteral !== bLiteral) return aLiteral ? -1 : 1;
  }
  return 0;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function matchSegments(segments: readonly Segment[], parts: readonly string[]) {
  if (segments.length !== parts.length) return undefined;
  const parameters: Record<string, string> = {};
  for (const [i, segment] of segments.entries()) {
    const value = decode(parts[i] ?? '');
    if (value === undefined) return undefined;
    if ('literal' in segment) {
      if (segment.literal !== value) return undefined;
    } else {
      if (value === '') return undefined;
      parameters[segment.parameter] = value;
    }
  }
  return parameters;
}

/**
 * Builds a matcher for `METHOD rawPath` over API Gateway path templates. Routes of the request's
 * method are tried most specific first; when only other methods match the path, the answer is
 * "method not allowed" with the methods that would have matched.
 */
export function createRouteMatcher<R extends RouteTemplate>(
  routes: readonly R[],
): (method: string, rawPath: string) => RouteMatch<R> {
  const seen = new Set<string>();
  const compiled = routes.map((route) => {
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) throw new Error(`Duplicate route ${key}`);
    seen.add(key);
    return { route, segments: compile(route.path) };
  });
  compiled.sort(bySpecificity);

  return (method, rawPath) => {
    const parts = splitPath(rawPath);
    const allowedMethods = new Set<string>();
    for (const candidate of compiled) {
      const pathParameters = matchSegments(candidate.segments, parts);
      if (!pathParameters) continue;
      if (candidate.route.method === method) {
        return { kind: 'found', route: candidate.route, pathParameters };
      }
      allowedMethods.add(candidate.route.method);
    }
    return allowedMethods.size > 0
      ? { kind: 'method-not-allowed', allowedMethods: [...allowedMethods].sort() }
      : { kind: 'not-found' };
  };
}
