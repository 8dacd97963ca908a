// ibex's client module: what the CLI and the console both read the server with — the progress
// reader, the finished states, pipelines' next runs, and the typed admin API.
export * from './finished.js';
export * from './admin-types.js';
export * from './admin-client.js';
export * from './progress.js';
export * from './next-runs.js';
