export * from './json.js';
export * from './sarif.js';
export * from './stylish.js';
export * from './summary.js';
