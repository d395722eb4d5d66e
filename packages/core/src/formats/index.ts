export * from './github.js';
export * from './gitlab.js';
export * from './json.js';
export * from './junit.js';
export * from './sarif.js';
export * from './stylish.js';
export * from './summary.js';
