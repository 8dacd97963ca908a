// `ibex check [--data-dir DIR]`: checks a data directory without changing it — SQLite's full
// integrity check, the schema version, and every stored row that no longer parses, by name.
// Exit 0 when sound, 1 when anything is wrong (each problem on its own line).
import { Command } from 'commander';
import { checkDataDir } from '../../store/maintenance.js';
import { CliError } from '../cli-error.js';

export function checkCommand(): Command {
  return new Command('check')
    .description('check a data directory: integrity, schema version and corrupted rows (read-only)')
    .option('--data-dir <dir>', 'directory of the SQLite database', '.ibex')
    .option('--json', 'print the report as JSON')
    .action((o: { dataDir: string; json?: boolean }) => {
      const r = checkDataDir(o.dataDir);
      if (o.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      else {
        process.stdout.write(`${r.file}: ${r.ok ? 'ok' : 'PROBLEMS'}${r.schemaVersion !== undefined ? ` (schema version ${r.schemaVersion})` : ''}\n`);
        for (const p of r.problems) process.stdout.write(`  ${p}\n`);
      }
      if (!r.ok) throw new CliError(`${r.file} has ${r.problems.length} problem(s)`, 1);
    });
}
