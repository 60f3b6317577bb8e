import path from 'node:path';

/** The repository root: bundling resolves handlers and the lock file from here. */
export const repoRoot = path.resolve(import.meta.dirname, '..');

/** Where the route handlers live unless a stack is told otherwise (tests use throwaway ones). */
export const defaultFunctionsRoot = path.join(repoRoot, 'functions');
