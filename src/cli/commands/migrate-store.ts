// `ibex migrate-store --to postgres://… [--data-dir DIR]`: copies a stopped ibex's SQLite data
// directory into an empty PostgreSQL database (or Kysely SQLite file) in one transaction — every
// row or none — and prints the rows per table. Stop `ibex serve` first: the copy is of one moment.
import { Command } from 'commander';
import { databaseTarget } from '../../store/kysely/database.js';
import { migrateStore, MigrateStoreError } from '../../store/migrate-store.js';
import { CliError } from '../cli-error.js';

/** The URL without its password, for messages. */
const shown = (url: string): string => url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*):[^@]*@/, '$1:***@');

export function migrateStoreCommand(): Command {
  return new Command('migrate-store')
    .description('copy the SQLite data directory into an empty PostgreSQL database (all rows in one transaction)')
    .option('--data-dir <dir>', 'directory of the SQLite database to copy', '.ibex')
    .option('--to <database>', 'the target: postgres://user@host:port/db (default: $IBEX_DATABASE_URL)')
    .action(async (o: { dataDir: string; to?: string }) => {
      const to = o.to ?? process.env.IBEX_DATABASE_URL;
      if (!to) throw new CliError('name the target database with --to postgres://… (or IBEX_DATABASE_URL)', 2);
      let report;
      try {
        report = await migrateStore(o.dataDir, databaseTarget(to));
      } catch (e) {
        if (e instanceof MigrateStoreError) throw new CliError(e.message);
        throw new CliError(`migrate-store failed, nothing was copied: ${(e as Error).message}`);
      }
      const total = report.tables.reduce((n, t) => n + t.rows, 0);
      for (const t of report.tables) process.stdout.write(`${t.table.padEnd(28)} ${t.rows}\n`);
      process.stdout.write(`copied ${total} rows of ${report.tables.length} tables from ${o.dataDir} to ${shown(to)}\n`);
    });
}
