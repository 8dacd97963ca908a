// Deleting distribution settings behind a confirmation, with a ResourceDependencyException
// explained (a pipeline still uses the settings).
import { DeleteDistributionConfigurationCommand } from '@aws-sdk/client-imagebuilder';
import { useSession } from '../session';
import { errorText } from '../api';
import { ConfirmDialog } from '../components/Dialog';
import { Id } from '../components/Id';

export function explainDelete(e: unknown): string {
  const err = e as { name?: string };
  return err.name === 'ResourceDependencyException'
    ? `${errorText(e)} — these settings are still used by an image pipeline or another resource. Remove them from the pipeline (or delete the pipeline) first, then delete the settings.`
    : errorText(e);
}

export function DeleteSettings({ arns, onDone, onClose }: { arns: string[]; onDone(): void; onClose(): void }) {
  const { client } = useSession();
  return (
    <ConfirmDialog
      title={arns.length === 1 ? `Delete ${arns[0]!.split('/').pop()}?` : `Delete ${arns.length} distribution settings?`}
      confirmLabel="Delete"
      onClose={onClose}
      explain={explainDelete}
      onConfirm={async () => {
        for (const arn of arns) await client.send(new DeleteDistributionConfigurationCommand({ distributionConfigurationArn: arn }));
        onDone();
      }}
    >
      <p>Deleting distribution settings cannot be undone. Images already distributed with them are not changed.</p>
      <ul>
        {arns.map((a) => (
          <li key={a}>
            <Id value={a} />
          </li>
        ))}
      </ul>
    </ConfirmDialog>
  );
}
