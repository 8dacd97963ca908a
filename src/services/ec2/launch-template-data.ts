// A client's LaunchTemplateData (EC2's RequestLaunchTemplateData) as it is kept and read back
// (ResponseLaunchTemplateData): walked member by member along both model shapes, so every field
// the response shape has comes back under its own name; request-only members (none a client
// reads back) are dropped. Timestamps are kept as ISO strings (the world stores JSON).
import { WORLD_MODELS } from '../../model/generated/world/index.js';
import type { WShape } from '../../model/world-shape.js';
import type { Doc } from '../world-call.js';

const model = WORLD_MODELS.ec2!;

function convert(value: unknown, req: WShape, res: WShape): unknown {
  if (value === undefined || value === null) return undefined;
  if (req.type === 'structure' && res.type === 'structure') {
    const out: Doc = {};
    for (const [name, m] of Object.entries(req.members ?? {})) {
      const target = res.members?.[name];
      if (!target) continue;
      const v = convert((value as Doc)[name], model.shapes[m.shape]!, model.shapes[target.shape]!);
      if (v !== undefined) out[name] = v;
    }
    return out;
  }
  if (req.type === 'list' && res.type === 'list') {
    return (value as unknown[]).map((x) => convert(x, model.shapes[req.member!.shape]!, model.shapes[res.member!.shape]!)).filter((x) => x !== undefined);
  }
  if (req.type === 'structure' || req.type === 'list' || res.type === 'structure' || res.type === 'list') return undefined;
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** The stored form of a request's LaunchTemplateData, without ImageId (kept on its own). */
export function storedTemplateData(data: Doc | undefined): Doc {
  if (!data) return {};
  const out = convert(data, model.shapes.RequestLaunchTemplateData!, model.shapes.ResponseLaunchTemplateData!) as Doc;
  delete out.ImageId;
  return out;
}
