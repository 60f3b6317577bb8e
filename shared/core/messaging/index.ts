export * from './advertising';
export * from './decide-send';
export * from './frequency-cap';
export * from './quiet-hours';
export * from './send-consent';
export * from './send-job';
export * from './skip-reason';
export * from './suppression';
