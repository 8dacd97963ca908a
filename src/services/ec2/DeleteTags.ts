// EC2 DeleteTags: removes tags (a key, or a key only with that value) from resources the caller
// owns; all named resources must exist, and nothing changes unless all do.
import type { WorldHandler } from '../world-call.js';
import { ownedTagged, taggedById } from './tagged.js';
import { dryRun } from './views.js';

export const DeleteTags: WorldHandler = async (input, call) => {
  const all = ownedTagged(call, 'DeleteTags');
  const targets = (input.Resources as string[]).map((id) => taggedById(all, id));
  dryRun(input);
  const tags = (input.Tags as { Key?: string; Value?: string }[] | undefined) ?? [];
  call.sim.state.repo.tx(() => {
    for (const t of targets) {
      const next = { ...t.tags };
      // No Tags means every tag; a Tag with a Value deletes only when the value matches.
      if (!tags.length) for (const k of Object.keys(next)) delete next[k];
      for (const tag of tags) if (tag.Key !== undefined && (tag.Value === undefined || next[tag.Key] === tag.Value)) delete next[tag.Key];
      t.save(next);
    }
  });
  return { Return: true };
};
