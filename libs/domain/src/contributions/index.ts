export * from './payers';
export * from './income-brackets';
export * from './contribution-rates';
export * from './discounts';
export * from './quote';
export * from './program-benefits';
export * from './due-date';
