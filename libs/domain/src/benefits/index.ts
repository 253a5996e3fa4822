export * from './claim-types';
export * from './benefit-rules';
export * from './calculate-benefit';
export * from './heir-entitlement';
export * from './eligibility';
export * from './service-level';
export * from './pending-facts';
export * from './no-heir';
