// EC2 DescribeRegions: the world's Regions with their opt-in status for the caller's account;
// Regions it has not enabled only with AllRegions. Filters region-name, opt-in-status, endpoint.
import { enter } from '../../cloud/simulated/sim.js';
import { WorldError, type WorldHandler } from '../world-call.js';
import { dryRun, portFilters } from './views.js';

/** The Regions AWS makes customers opt in to (the rest are enabled for every account). */
const OPT_IN = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
]);

export const DescribeRegions: WorldHandler = async (input, call) => {
  const ctx = enter(call.sim, 'ec2', 'DescribeRegions', call.scope);
  dryRun(input);
  const disabled = new Set(call.sim.state.accounts.get(ctx.accountId)?.disabledRegions ?? []);
  const names = input.RegionNames as string[] | undefined;
  for (const n of names ?? []) {
    if (!call.sim.config.regions.has(n)) throw new WorldError('InvalidParameterValue', `Invalid region: ${n}`);
  }
  let regions = [...call.sim.config.regions].sort().map((r) => ({
    RegionName: r,
    Endpoint: `ec2.${r}.amazonaws.com`,
    OptInStatus: disabled.has(r) ? 'not-opted-in' : OPT_IN.has(r) ? 'opted-in' : 'opt-in-not-required',
  }));
  if (names?.length) regions = regions.filter((r) => names.includes(r.RegionName));
  else if (input.AllRegions !== true) regions = regions.filter((r) => r.OptInStatus !== 'not-opted-in');
  for (const f of portFilters(input.Filters)) {
    const field = f.name === 'region-name' ? 'RegionName' : f.name === 'opt-in-status' ? 'OptInStatus' : f.name === 'endpoint' ? 'Endpoint' : undefined;
    if (!field) throw new WorldError('InvalidParameterValue', `The filter '${f.name}' is invalid`);
    regions = regions.filter((r) => f.values.includes(r[field]));
  }
  return { Regions: regions };
};
