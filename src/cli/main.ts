#!/usr/bin/env node
// The `ibex` command: `serve` runs the server; plan, distribute, status, watch, retry, cancel,
// approve, reject, world, faults and demo talk to a running ibex; backup, check and migrate-store work on a
// data directory. Exit codes: 0 success, 1 the operation failed, 2 a usage error.
import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error.js';

// The AWS SDK warns on every run under Node 20 that its 2027 releases will need Node 22; ibex pins
// its SDK versions and supports Node 20, so the 9-line warning says nothing to an ibex user. Set
// before any command (and so any SDK client) is loaded; an explicit setting wins.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

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
        ...['watchCommand', 'retryCommand', 'cancelCommand'].map((n) => import('./commands/image-actions.js').then((m) => m[n as 'watchCommand'])),
        import('./commands/world.js').then((m) => m.worldCommand),
        import('./commands/faults.js').then((m) => m.faultsCommand),
        import('./commands/demo.js').then((m) => m.demoCommand),
        import('./commands/backup.js').then((m) => m.backupCommand),
        import('./commands/check.js').then((m) => m.checkCommand),
        import('./commands/migrate-store.js').then((m) => m.migrateStoreCommand),
        import('./commands/step-action.js').then((m) => m.approveCommand),
        import('./commands/step-action.js').then((m) => m.rejectCommand),
        import('./commands/drift.js').then((m) => m.driftCommand),
        import('./commands/rollback.js').then((m) => m.rollbackCommand),
        import('./commands/rollout.js').then((m) => m.rolloutCommand),
        import('./commands/follow.js').then((m) => m.followCommand),
        import('./commands/lifecycle.js').then((m) => m.lifecycleCommand),
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
