export * from './heir-relationships';
