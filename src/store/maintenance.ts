// Offline maintenance of a data directory (`ibex check`, `ibex backup`) as the CLI sees it: the
// CLI names these operations, not the SQLite adapter that carries them out.
export { BackupError, backupDataDir, checkDataDir, type CheckReport } from './sqlite/inspect.js';
