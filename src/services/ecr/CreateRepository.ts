// ECR CreateRepository: a repository in the caller's registry and Region.
import { WorldError, type WorldHandler } from '../world-call.js';
import { ecrEnter, wireRepo } from './repos.js';

export const CreateRepository: WorldHandler = async (input, call) => {
  const ctx = ecrEnter(call, 'CreateRepository', input);
  const name = input.repositoryName as string;
  if (call.sim.state.repoOf(ctx.accountId, ctx.region, name)) {
    throw new WorldError('RepositoryAlreadyExistsException', `The repository with name '${name}' already exists in the registry with id '${ctx.accountId}'`);
  }
  const rec = {
    accountId: ctx.accountId,
    region: ctx.region,
    repositoryName: name,
    images: [],
    createdAt: call.sim.clock.now(),
    imageTagMutability: (input.imageTagMutability as string | undefined) ?? 'MUTABLE',
  };
  call.sim.state.putRepo(rec);
  return { repository: wireRepo(rec) };
};
