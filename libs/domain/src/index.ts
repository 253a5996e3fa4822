// @jaring/domain: value objects and pure rules shared by the services. No I/O, no framework imports.
export * from './errors';
export * from './money';
export * from './iso-date';
export * from './instant';
export * from './period';
export * from './clock';
export * from './region-code';
export * from './nik';
export * from './programs';
export * from './occupations';
export * from './area';
export * from './heirs';
export * from './contributions';
export * from './benefits';
