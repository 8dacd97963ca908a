// `ibex backup FILE [--data-dir DIR]`: a consistent copy of the database (SQLite's online backup,
// safe while `ibex serve` runs), checked after writing. Restore by stopping ibex and putting the
// file back as DIR/ibex.sqlite.
import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { BackupError, backupDataDir } from '../../store/maintenance.js';
import { CliError } from '../cli-error.js';

export function backupCommand(): Command {
  return new Command('backup')
    .description('copy the database to FILE (consistent, also while ibex runs) and verify the copy')
    .argument('<file>', 'where to write the backup (must not exist)')
    .option('--data-dir <dir>', 'directory of the SQLite database', '.ibex')
    .action(async (file: string, o: { dataDir: string }) => {
      if (existsSync(file)) throw new CliError(`${file} already exists; choose a new file`, 2);
      try {
        const done = await backupDataDir(o.dataDir, file);
        process.stdout.write(`backed up ${o.dataDir} to ${file} (${done.bytes} bytes, schema version ${done.schemaVersion})\n`);
      } catch (e) {
        if (!(e instanceof BackupError)) throw e;
        if (e.stage === 'open') throw new CliError(`cannot open the database in ${o.dataDir}: ${e.message}`);
        if (e.stage === 'copy') throw new CliError(`backup to ${file} failed: ${e.message}`);
        throw new CliError(`the backup ${file} failed its integrity check: ${e.message}`);
      }
    });
}
