// The console shell: navigation, the account and Region switcher, and the routes.
import type { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { RouterProvider, Link, match, usePath } from './router';
import { Words } from './components/Id';
import { SessionProvider, useSession } from './session';
import { regionChoices, useWorld, WorldProvider } from './worldContext';
import { SettingsList } from './pages/SettingsList';
import { SettingsDetail } from './pages/SettingsDetail';
import { SettingsForm } from './pages/SettingsForm';
import { ImageDetail, ImagesList } from './pages/Images';
import { PlanPage } from './pages/Plan';
import { PipelineDetail, PipelinesList } from './pages/Pipelines';
import { WorldPage } from './pages/World';
import { RecipeDetail, RecipeForm, RecipesList } from './pages/Recipes';
import { ComponentDetail, ComponentForm, ComponentsList } from './pages/Components';
import { InfrastructureDetail, InfrastructureForm, InfrastructureList } from './pages/Infrastructure';
import { PipelineForm } from './pages/PipelineForm';
import { WorkflowDetail, WorkflowForm, WorkflowsList } from './pages/Workflows';
import { ContainerRecipeDetail, ContainerRecipeForm, ContainerRecipesList } from './pages/ContainerRecipes';
import { RolloutDetail, RolloutForm, RolloutsList } from './pages/Rollouts';
import { LifecycleDetail, LifecycleForm, LifecycleList } from './pages/Lifecycle';

/** The account and Region the console acts as; Regions the account has not opted in to are marked. */
function Switcher() {
  const { account, region, setAccount, setRegion } = useSession();
  const { world } = useWorld();
  const accounts = world?.accounts.filter((a) => !a.amazonManaged && a.name !== 'amazon') ?? [{ id: account, name: '' }];
  const regions = world ? regionChoices(world, account) : [{ value: region, label: region, optedOut: false }];
  return (
    <div className="switcher">
      <label>
        Account{' '}
        <select aria-label="Account" value={account} onChange={(e) => setAccount(e.target.value)}>
          {accounts.some((a) => a.id === account) ? null : <option value={account}>{account}</option>}
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.id} {a.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Region{' '}
        <select aria-label="Region" value={region} onChange={(e) => setRegion(e.target.value)}>
          {regions.some((r) => r.value === region) ? null : <option value={region}>{region}</option>}
          {regions.map((r) => (
            <option key={r.value} value={r.value}>
              {r.optedOut ? `${r.value} (not opted in)` : r.value}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

const NAV = [
  ['/settings', 'Distribution settings'],
  ['/images', 'Images'],
  ['/plan', 'Plan'],
  ['/pipelines', 'Pipelines'],
  ['/recipes', 'Recipes'],
  ['/container-recipes', 'Container recipes'],
  ['/components', 'Components'],
  ['/infrastructure', 'Infrastructure'],
  ['/workflows', 'Workflows'],
  ['/lifecycle', 'Lifecycle'],
  ['/rollouts', 'Rollouts'],
  ['/world', 'World'],
] as const;

function Routes() {
  const full = usePath();
  const path = full.split('?')[0]!;
  const query = () => full.split('?')[1] ?? '';
  let m: Record<string, string> | undefined;
  if (path === '/' || path === '/settings') return <SettingsList />;
  if (path === '/settings/new') return <SettingsForm />;
  if ((m = match('/settings/:name/edit', path))) return <SettingsForm name={m.name!} />;
  if ((m = match('/settings/:name', path))) return <SettingsDetail name={m.name!} />;
  if (path === '/images') return <ImagesList />;
  if ((m = match('/images/:arn', path))) return <ImageDetail arn={m.arn!} />;
  if (path === '/plan') return <PlanPage />;
  if (path === '/pipelines') return <PipelinesList />;
  if (path === '/pipelines/new') return <PipelineForm />;
  if ((m = match('/pipelines/:arn/edit', path))) return <PipelineForm arn={m.arn!} />;
  if (path === '/recipes') return <RecipesList />;
  if (path === '/recipes/new') return <RecipeForm {...(new URLSearchParams(query()).get('from') ? { from: new URLSearchParams(query()).get('from')! } : {})} />;
  if ((m = match('/recipes/:arn', path))) return <RecipeDetail arn={m.arn!} />;
  if (path === '/container-recipes') return <ContainerRecipesList />;
  if (path === '/container-recipes/new') return <ContainerRecipeForm />;
  if ((m = match('/container-recipes/:arn', path))) return <ContainerRecipeDetail arn={m.arn!} />;
  if (path === '/components') return <ComponentsList />;
  if (path === '/components/new') return <ComponentForm />;
  if ((m = match('/components/:arn', path))) return <ComponentDetail arn={m.arn!} />;
  if (path === '/infrastructure') return <InfrastructureList />;
  if (path === '/infrastructure/new') return <InfrastructureForm />;
  if ((m = match('/infrastructure/:arn/edit', path))) return <InfrastructureForm arn={m.arn!} />;
  if ((m = match('/infrastructure/:arn', path))) return <InfrastructureDetail arn={m.arn!} />;
  if ((m = match('/pipelines/:arn', path))) return <PipelineDetail arn={m.arn!} />;
  if (path === '/workflows') return <WorkflowsList />;
  if (path === '/workflows/new') return <WorkflowForm />;
  if ((m = match('/workflows/:arn', path))) return <WorkflowDetail arn={m.arn!} />;
  if (path === '/lifecycle') return <LifecycleList />;
  if (path === '/lifecycle/new') return <LifecycleForm />;
  if ((m = match('/lifecycle/:arn/edit', path))) return <LifecycleForm arn={m.arn!} />;
  if ((m = match('/lifecycle/:arn', path))) return <LifecycleDetail arn={m.arn!} />;
  if (path === '/rollouts') return <RolloutsList />;
  if (path === '/rollouts/new') return <RolloutForm />;
  if ((m = match('/rollouts/:id', path))) return <RolloutDetail id={m.id!} />;
  if (path === '/world') return <WorldPage />;
  return (
    <p className="empty">
      No page at {path}. <Link to="/settings">Go to distribution settings</Link>.
    </p>
  );
}

function Shell() {
  const path = usePath();
  const { account, region } = useSession();
  const { world } = useWorld();
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link to="/settings" className="brand">
          ibex
        </Link>
        <nav aria-label="Main">
          {NAV.map(([to, label]) => (
            <Link key={to} to={to} aria-current={path.startsWith(to) || (to === '/settings' && path === '/') ? 'page' : undefined}>
              {label}
            </Link>
          ))}
        </nav>
        <Switcher />
      </header>
      {world && regionChoices(world, account).find((r) => r.value === region)?.optedOut ? (
        <p className="banner" role="status">
          <Words value={`Account ${account} has not opted in to ${region}: calls there fail until the Region is enabled for it.`} />
        </p>
      ) : null}
      {/* Remount pages when the identity changes so nothing shows another account's data. */}
      <main id="main" key={`${account}/${region}`}>
        <Routes />
      </main>
    </div>
  );
}

export function App({ client }: { client?: (account: string, region: string) => ImagebuilderClient }) {
  return (
    <RouterProvider>
      <SessionProvider {...(client ? { client } : {})}>
        <WorldProvider>
          <Shell />
        </WorldProvider>
      </SessionProvider>
    </RouterProvider>
  );
}
