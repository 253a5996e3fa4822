export * from './area-codes';
export * from './official-area-codes';
