// Runtime entry of @jaring/messaging for the compiled services: the TypeScript sources (src/) are compiled by
// `npm run build` into dist/. TypeScript and jest read src/ directly (tsconfig paths, moduleNameMapper).
module.exports = require('../../dist/libs/messaging/src/index.js');
