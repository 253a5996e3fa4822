// Runtime entry of @jaring/contracts for the compiled services: the TypeScript sources (src/) are compiled by
// `npm run build` into dist/. TypeScript and jest read src/ directly (tsconfig paths, moduleNameMapper).
module.exports = require('../../dist/libs/contracts/src/index.js');
