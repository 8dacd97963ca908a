// Create and edit an image pipeline: the recipe, infrastructure and distribution settings picked
// from the account's own, a schedule (cron or rate, with a time zone and start condition), the
// status and image tests, and the workflows to run (custom ones need an execution role). Update is
// a full replacement on AWS, so edit sends every field (a kept workflow keeps its parameters).
import { useState } from 'react';
import {
  CreateImagePipelineCommand,
  DeleteImagePipelineCommand,
  GetImagePipelineCommand,
  ListInfrastructureConfigurationsCommand,
  ListWorkflowsCommand,
  UpdateImagePipelineCommand,
  type ImagePipeline,
  type WorkflowConfiguration,
} from '@aws-sdk/client-imagebuilder';
import { useSession } from '../session';
import { useLoad } from '../hooks';
import { allPages } from '../api';
import { navigate } from '../router';
import { ErrorBox, Loading } from '../components/Status';
import { FormPage } from '../components/Form';
import { CheckField, MapField, SelectField, TextField, TokenField } from '../components/fields';
import { listRecipes } from './Recipes';
import { DeleteMany } from '../components/DeleteMany';
import { listAllSettings } from './SettingsList';

const pipelinePath = (arn: string) => `/pipelines/${encodeURIComponent(arn)}`;

type Draft = {
  name: string;
  description: string;
  imageRecipeArn: string;
  infrastructureConfigurationArn: string;
  distributionConfigurationArn: string;
  scheduleExpression: string;
  timezone: string;
  startCondition: string;
  status: string;
  tests: boolean;
  /** Workflow ARNs in the order they run. */
  workflows: string[];
  executionRole: string;
  tags?: Record<string, string>;
};

function draftOf(p?: ImagePipeline): Draft {
  return {
    name: p?.name ?? '',
    description: p?.description ?? '',
    imageRecipeArn: p?.imageRecipeArn ?? '',
    infrastructureConfigurationArn: p?.infrastructureConfigurationArn ?? '',
    distributionConfigurationArn: p?.distributionConfigurationArn ?? '',
    scheduleExpression: p?.schedule?.scheduleExpression ?? '',
    timezone: p?.schedule?.timezone ?? 'UTC',
    startCondition: p?.schedule?.pipelineExecutionStartCondition ?? 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE',
    status: p?.status ?? 'ENABLED',
    tests: p?.imageTestsConfiguration?.imageTestsEnabled ?? true,
    workflows: (p?.workflows ?? []).map((w) => w.workflowArn!).filter(Boolean),
    executionRole: p?.executionRole ?? '',
  };
}

const ZONES = ['UTC', 'Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo', 'Australia/Sydney'];

export function PipelineForm({ arn }: { arn?: string }) {
  const { client } = useSession();
  const got = useLoad(async () => {
    const [recipes, infra, settings, existing, workflows] = await Promise.all([
      listRecipes(client),
      allPages(async (nextToken) => {
        const out = await client.send(new ListInfrastructureConfigurationsCommand({ maxResults: 25, ...(nextToken ? { nextToken } : {}) }));
        return { items: out.infrastructureConfigurationSummaryList, nextToken: out.nextToken };
      }),
      listAllSettings(client),
      arn ? client.send(new GetImagePipelineCommand({ imagePipelineArn: arn })).then((o) => o.imagePipeline) : Promise.resolve(undefined),
      // The account's workflows and Amazon's managed ones; a list that fails leaves typing possible.
      Promise.all(
        (['Self', 'Amazon'] as const).map((owner) =>
          allPages(async (nextToken) => {
            const out = await client.send(new ListWorkflowsCommand({ owner, maxResults: 25, ...(nextToken ? { nextToken } : {}) }));
            return { items: out.workflowVersionList, nextToken: out.nextToken };
          }).catch(() => []),
        ),
      ).then((l) => l.flat()),
    ]);
    return { recipes, infra, settings, existing, workflows };
  }, [client, arn]);
  const [v, setV] = useState<Draft>();
  if (got.loading && !got.data) return <Loading what="recipes, infrastructure and settings" />;
  if (got.error) return <ErrorBox error={got.error} />;
  const { recipes, infra, settings, existing, workflows } = got.data!;
  const kept = new Map<string, WorkflowConfiguration>((existing?.workflows ?? []).map((w) => [w.workflowArn!, w]));
  const d = v ?? draftOf(existing);
  const set = (patch: Partial<Draft>) => setV({ ...d, ...patch });
  const body = {
    imageRecipeArn: d.imageRecipeArn,
    infrastructureConfigurationArn: d.infrastructureConfigurationArn,
    ...(d.distributionConfigurationArn ? { distributionConfigurationArn: d.distributionConfigurationArn } : {}),
    ...(d.description ? { description: d.description } : {}),
    ...(d.scheduleExpression
      ? {
          schedule: {
            scheduleExpression: d.scheduleExpression,
            timezone: d.timezone,
            pipelineExecutionStartCondition: d.startCondition as 'EXPRESSION_MATCH_ONLY',
          },
        }
      : {}),
    status: d.status as 'ENABLED',
    imageTestsConfiguration: { imageTestsEnabled: d.tests },
    ...(d.workflows.length ? { workflows: d.workflows.map((w) => kept.get(w) ?? { workflowArn: w }) } : {}),
    ...(d.executionRole ? { executionRole: d.executionRole } : {}),
    clientToken: crypto.randomUUID(),
  };
  return (
    <FormPage
      crumbs={[['Image pipelines', '/pipelines'], ...(arn ? ([[d.name, pipelinePath(arn)], ['Edit']] as [string, string?][]) : [['Create'] as [string]])]}
      title={arn ? `Edit ${d.name}` : 'Create image pipeline'}
      submitLabel={arn ? 'Save changes' : 'Create pipeline'}
      cancelTo={arn ? pipelinePath(arn) : '/pipelines'}
      onSubmit={async () => {
        if (arn) {
          await client.send(new UpdateImagePipelineCommand({ imagePipelineArn: arn, ...body }));
          navigate(pipelinePath(arn));
        } else {
          const out = await client.send(new CreateImagePipelineCommand({ name: d.name, ...body, ...(d.tags ? { tags: d.tags } : {}) }));
          navigate(pipelinePath(out.imagePipelineArn!));
        }
      }}
    >
      <TextField path="name" label="Name" value={d.name} onChange={(x) => set({ name: x })} disabled={Boolean(arn)} />
      <TextField path="description" label="Description" value={d.description} onChange={(x) => set({ description: x })} />
      <SelectField
        path="imageRecipeArn"
        label="Image recipe"
        value={d.imageRecipeArn}
        options={[{ value: '', label: 'Choose a recipe' }, ...recipes.map((r) => ({ value: r.arn!, label: `${r.name} ${r.arn!.split('/').pop()}` }))]}
        onChange={(x) => set({ imageRecipeArn: x })}
      />
      <SelectField
        path="infrastructureConfigurationArn"
        label="Infrastructure configuration"
        value={d.infrastructureConfigurationArn}
        options={[{ value: '', label: 'Choose an infrastructure configuration' }, ...infra.map((c) => ({ value: c.arn!, label: c.name! }))]}
        onChange={(x) => set({ infrastructureConfigurationArn: x })}
      />
      <SelectField
        path="distributionConfigurationArn"
        label="Distribution settings (optional)"
        value={d.distributionConfigurationArn}
        options={[
          { value: '', label: 'None: the AMI stays in this Region' },
          ...settings.map((s) => ({ value: s.arn!, label: `${s.name} (${(s.regions ?? []).join(', ')})` })),
        ]}
        onChange={(x) => set({ distributionConfigurationArn: x })}
      />
      <TokenField
        path="workflows"
        label="Workflows (optional, in order)"
        value={d.workflows}
        options={workflows.map((w) => ({ value: w.arn!, label: `${w.name} ${w.version} (${w.type}, ${w.owner === 'Amazon' ? 'Amazon' : 'yours'})` }))}
        onChange={(x) => set({ workflows: x ?? [] })}
        hint="empty: the default build, test and distribution"
      />
      <TextField
        path="executionRole"
        label="Execution role"
        value={d.executionRole}
        onChange={(x) => set({ executionRole: x })}
        hint="required with your own workflows: the role Image Builder runs them with"
      />
      <h2>Schedule</h2>
      <TextField
        path="schedule.scheduleExpression"
        label="Schedule expression (optional)"
        value={d.scheduleExpression}
        onChange={(x) => set({ scheduleExpression: x })}
        placeholder="cron(0 3 * * ? *) or rate(1 day)"
        hint="empty: runs only when started"
      />
      <SelectField path="schedule.timezone" label="Time zone" value={d.timezone} options={ZONES} onChange={(x) => set({ timezone: x })} />
      <SelectField
        path="schedule.pipelineExecutionStartCondition"
        label="Start condition"
        value={d.startCondition}
        options={[
          { value: 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE', label: 'only when a component or the parent image has a newer version' },
          { value: 'EXPRESSION_MATCH_ONLY', label: 'at every match of the expression' },
        ]}
        onChange={(x) => set({ startCondition: x })}
      />
      <SelectField path="status" label="Status" value={d.status} options={['ENABLED', 'DISABLED']} onChange={(x) => set({ status: x })} />
      <CheckField path="imageTestsConfiguration.imageTestsEnabled" label="Run the image tests" value={d.tests} onChange={(x) => set({ tests: x })} />
      {arn ? null : <MapField path="tags" label="Tags" value={d.tags} onChange={(x) => set(x ? { tags: x } : {})} />}
    </FormPage>
  );
}

export function DeletePipeline({ arn, onClose }: { arn: string; onClose(): void }) {
  const { client } = useSession();
  return (
    <DeleteMany
      what="image pipeline"
      arns={[arn]}
      run={(a) => client.send(new DeleteImagePipelineCommand({ imagePipelineArn: a }))}
      onClose={onClose}
      onDone={() => navigate('/pipelines')}
    />
  );
}
