export * from './definition';
export * from './enroll';
export * from './engine';
export * from './enrollment';
export * from './holdout';
