// Simulated SSM Parameter Store. `aws:ec2:image` values must name an AMI the owning account can
// see in that Region. AWS checks this asynchronously and silently drops a bad write; ibex fails
// the call with ValidationException instead, so the failure is visible (docs/world.md). Public
// parameters (`/aws/service/…`, held by Amazon-managed accounts) are readable by every account.
import type { SsmPort } from '../ports.js';
import { enter, fail, type Sim } from './context.js';
import { canSee } from './visibility.js';

/** AWS's public parameters (`/aws/service/…`) are readable by every account: ibex keeps them in the Amazon-managed accounts. */
function publicParameter(sim: Sim, region: string, name: string) {
  if (!name.startsWith('/aws/service/')) return undefined;
  for (const a of sim.state.accounts.values()) {
    if (!a.amazonManaged) continue;
    const p = sim.state.paramOf(a.accountId, region, name);
    if (p) return p;
  }
  return undefined;
}

/** The simulated SSM port. */
export function simulatedSsm(sim: Sim): SsmPort {
  return {
    async putParameter(scope, input) {
      const ctx = enter(sim, 'ssm', 'PutParameter', scope);
      if (!/^[a-zA-Z0-9_.\-/]{1,1011}$/.test(input.name)) {
        throw fail('ssm', 'ValidationException', `Parameter name '${input.name}' is not valid: use 1-1011 letters, numbers, and _ . - /.`);
      }
      if ((input.type ?? 'String') !== 'String') throw fail('ssm', 'UnsupportedParameterType', `ibex models String parameters only (got ${input.type}).`);
      const dataType = input.dataType ?? 'text';
      if (dataType !== 'text' && dataType !== 'aws:ec2:image') throw fail('ssm', 'InvalidDataType', `The data type '${dataType}' is not supported: use text or aws:ec2:image.`);
      if (dataType === 'aws:ec2:image') {
        const img = /^ami-[0-9a-f]{8,17}$/.test(input.value) ? sim.state.images.get(input.value) : undefined;
        if (!img || img.region !== ctx.region || !canSee(sim.state, ctx.accountId, img)) {
          throw fail('ssm', 'ValidationException', `Parameter value '${input.value}' is not a valid aws:ec2:image: ${/^ami-[0-9a-f]{8,17}$/.test(input.value) ? `no AMI with that id is visible to account ${ctx.accountId} in ${ctx.region}` : 'an AMI id looks like ami-0123456789abcdef0'}.`);
        }
      }
      const prev = sim.state.paramOf(ctx.accountId, ctx.region, input.name);
      if (prev && !input.overwrite) {
        throw fail('ssm', 'ParameterAlreadyExists', `The parameter ${input.name} already exists in account ${ctx.accountId} in ${ctx.region}; set overwrite to replace it.`);
      }
      const version = (prev?.version ?? 0) + 1;
      sim.state.putParam({ accountId: ctx.accountId, region: ctx.region, name: input.name, value: input.value, dataType, version, lastModified: sim.clock.now() });
      return { version };
    },

    async getParameter(scope, input) {
      const ctx = enter(sim, 'ssm', 'GetParameter', scope);
      const p = sim.state.paramOf(ctx.accountId, ctx.region, input.name) ?? publicParameter(sim, ctx.region, input.name);
      if (!p) throw fail('ssm', 'ParameterNotFound', `Parameter ${input.name} not found in account ${ctx.accountId} in ${ctx.region}.`);
      return { parameter: { name: p.name, type: 'String', value: p.value, version: p.version, dataType: p.dataType, lastModifiedDate: new Date(p.lastModified).toISOString() } };
    },
  };
}
