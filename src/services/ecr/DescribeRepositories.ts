// ECR DescribeRepositories: named repositories (any missing one fails the call) or all, in pages.
import type { WorldHandler } from '../world-call.js';
import { ecrEnter, ecrPage, repoOrThrow, wireRepo } from './repos.js';

export const DescribeRepositories: WorldHandler = async (input, call) => {
  const ctx = ecrEnter(call, 'DescribeRepositories', input);
  const names = input.repositoryNames as string[] | undefined;
  const repos = names?.length
    ? names.map((n) => repoOrThrow(call, ctx, n))
    : [...call.sim.state.repos.values()]
        .filter((r) => r.accountId === ctx.accountId && r.region === ctx.region)
        .sort((a, b) => (a.repositoryName < b.repositoryName ? -1 : 1));
  const p = ecrPage(repos, input, 1000);
  return { repositories: p.items.map(wireRepo), ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
};
