// `ibex backup FILE [--data-dir DIR]`: a consistent copy of the database (SQLite's online backup,
// safe while `ibex serve` runs), checked after writing. Restore by stopping ibex and putting the
// file back as DIR/ibex.sqlite.
import { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openReadOnly } from '../../store/sqlite/inspect.js';
import { storedSchemaVersion } from '../../store/sqlite/db.js';
import { CliError } from '../cli-error.js';

export function backupCommand(): Command {
  return new Command('backup')
    .description('copy the database to FILE (consistent, also while ibex runs) and verify the copy')
    .argument('<file>', 'where to write the backup (must not exist)')
    .option('--data-dir <dir>', 'directory of the SQLite database', '.ibex')
    .action(async (file: string, o: { dataDir: string }) => {
      if (existsSync(file)) throw new CliError(`${file} already exists; choose a new file`, 2);
      let db;
      try {
        db = openReadOnly(o.dataDir);
      } catch (e) {
        throw new CliError(`cannot open the database in ${o.dataDir}: ${(e as Error).message}`);
      }
      try {
        await db.backup(file);
      } catch (e) {
        throw new CliError(`backup to ${file} failed: ${(e as Error).message}`);
      } finally {
        db.close();
      }
      const copy = new Database(file, { readonly: true, fileMustExist: true });
      try {
        const check = copy.pragma('quick_check', { simple: true }) as string;
        if (check !== 'ok') throw new CliError(`the backup ${file} failed its integrity check: ${check}`);
        process.stdout.write(`backed up ${o.dataDir} to ${file} (${statSync(file).size} bytes, schema version ${storedSchemaVersion(copy)})\n`);
      } finally {
        copy.close();
      }
    });
}
