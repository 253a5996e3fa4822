export * from './roles';
export * from './caller';
export * from './access-policy';
export * from './access.guard';
export * from './api-key-resolver';
export * from './token-verifier';
export * from './auth.module';
export * from './route-policies';
