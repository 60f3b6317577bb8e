import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LocalHandler } from './server';

/**
 * Imports handler modules on first use, so the environment is set before any handler module
 * reads it, and a module that is missing or broken fails only its own route. Failures are not
 * cached: once the file is fixed, the next request loads it.
 */
export function createHandlerLoader(
  functionsDir: string,
): (route: { readonly handler: string }) => Promise<LocalHandler> {
  const loaded = new Map<string, LocalHandler>();
  return async (route) => {
    const path = resolve(functionsDir, route.handler);
    const cached = loaded.get(path);
    if (cached) return cached;
    const module: unknown = await import(pathToFileURL(path).href);
    const handler =
      typeof module === 'object' && module !== null && 'handler' in module
        ? module.handler
        : undefined;
    if (typeof handler !== 'function') {
      throw new Error(`${route.handler} does not export a function named "handler".`);
    }
    const typed = handler as LocalHandler;
    loaded.set(path, typed);
    return typed;
  };
}
