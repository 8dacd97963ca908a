#!/usr/bin/env node
// The `ibex` command: `serve` runs the server; plan, distribute, status, world, faults and demo
// talk to a running ibex. Exit codes: 0 success, 1 the operation failed, 2 a usage error.
import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error.js';

// `ibex serve` needs none of the client commands, and they load the AWS SDK's Image Builder
// client (a tenth of a second and more of start-up): serve is then loaded alone.
const builders: (() => Command)[] =
  process.argv[2] === 'serve'
    ? [(await import('./commands/serve.js')).serveCommand]
    : await Promise.all([
        import('./commands/serve.js').then((m) => m.serveCommand),
        import('./commands/plan.js').then((m) => m.planCommand),
        import('./commands/distribute.js').then((m) => m.distributeCommand),
        import('./commands/status.js').then((m) => m.statusCommand),
        import('./commands/world.js').then((m) => m.worldCommand),
        import('./commands/faults.js').then((m) => m.faultsCommand),
        import('./commands/demo.js').then((m) => m.demoCommand),
        import('./commands/drift.js').then((m) => m.driftCommand),
        import('./commands/rollback.js').then((m) => m.rollbackCommand),
        import('./commands/rollout.js').then((m) => m.rolloutCommand),
      ]);

const program = new Command();
program
  .name('ibex')
  .description('Self-hosted, AWS-compatible EC2 Image Builder distribution')
  .showHelpAfterError()
  // Throw instead of exiting so usage errors can exit 2 (commander would use 1).
  .exitOverride();
for (const build of builders) program.addCommand(build());
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
