// ECR DeleteRepository: deletes a repository; one holding images needs `force`.
import { WorldError, type WorldHandler } from '../world-call.js';
import { ecrEnter, repoOrThrow, wireRepo } from './repos.js';

export const DeleteRepository: WorldHandler = async (input, call) => {
  const ctx = ecrEnter(call, 'DeleteRepository', input);
  const r = repoOrThrow(call, ctx, input.repositoryName as string);
  if (r.images.length && input.force !== true) {
    throw new WorldError(
      'RepositoryNotEmptyException',
      `The repository with name '${r.repositoryName}' in registry with id '${ctx.accountId}' cannot be deleted because it still contains images`,
    );
  }
  const st = call.sim.state;
  st.repos.delete(`${ctx.accountId}|${ctx.region}|${r.repositoryName}`);
  st.repo.delete('ecrRepository', ctx.accountId, ctx.region, r.repositoryName);
  return { repository: wireRepo(r) };
};
