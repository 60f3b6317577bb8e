/** The lapse model: when each customer becomes due for win-back, and why. */
export * from './batch-predictions';
export * from './customer-history';
export * from './day-number';
export * from './explain-lapse';
export * from './fit-model';
export * from './lapse-assessment';
export * from './lapse-due';
export * from './lapse-policy';
export { type LapseBasis, resolveLapseRule } from './lapse-rule';
export * from './lapse-score';
export * from './log-likelihood';
export * from './model-due';
export * from './model-params';
export * from './patterns';
export * from './predictions';
export * from './purchase-log';
export * from './rfm-columns';
export * from './shop-lapse-model';
