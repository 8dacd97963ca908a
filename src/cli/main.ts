#!/usr/bin/env node
// The `ibex` command: `serve` runs the server; plan, distribute, status, world, faults and demo
// talk to a running ibex. Exit codes: 0 success, 1 the operation failed, 2 a usage error.
import { Command, CommanderError } from 'commander';
import { CliError } from './context.js';
import { serveCommand } from './commands/serve.js';
import { planCommand } from './commands/plan.js';
import { distributeCommand } from './commands/distribute.js';
import { statusCommand } from './commands/status.js';
import { worldCommand } from './commands/world.js';
import { faultsCommand } from './commands/faults.js';
import { demoCommand } from './commands/demo.js';

const program = new Command();
program
  .name('ibex')
  .description('Self-hosted, AWS-compatible EC2 Image Builder distribution')
  .showHelpAfterError()
  // Throw instead of exiting so usage errors can exit 2 (commander would use 1).
  .exitOverride();
for (const cmd of [serveCommand(), planCommand(), distributeCommand(), statusCommand(), worldCommand(), faultsCommand(), demoCommand()]) {
  program.addCommand(cmd);
}
// Settings are copied when a command is created, so nested commands need exitOverride too.
const inherit = (c: Command): void => c.commands.forEach((s) => (s.exitOverride().showHelpAfterError(), inherit(s)));
inherit(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CommanderError) {
    // Help and version are not errors; everything commander rejects is a usage error.
    process.exit(e.exitCode === 0 ? 0 : 2);
  }
  if (e instanceof CliError) {
    process.stderr.write(`ibex: ${e.message}\n`);
    process.exit(e.exitCode);
  }
  process.stderr.write(`ibex: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exit(1);
});
