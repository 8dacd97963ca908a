// Stand-in AMIs for the preflight's dry runs: steps after a copy act on an AMI that does not
// exist yet, so their dry runs act on one that does and can take its place.
import type { CloudPorts, CloudScope, Ec2Image } from '../cloud/ports.js';
import type { PlanInput } from './plan.js';

/**
 * AMIs to dry-run against in place of those the run will make. Steps after a copy act on an AMI
 * that does not exist yet (the owner's AMI in the Region, a target's copy); their dry runs use
 * the source AMI where it is what the step would act on or can stand in for it (same Region, right
 * owner), else an available AMI the account owns in that Region. Either way the dry run checks
 * the caller's permission, the Region and everything in the request that is not the AMI itself.
 * When the account has no AMI there, the dry run is left out and the describe checks remain.
 */
export class StandIns {
  private readonly ownedLists = new Map<string, Promise<Ec2Image[]>>();

  constructor(
    private readonly cloud: CloudPorts,
    private readonly input: PlanInput,
  ) {}

  /** An available AMI `scope`'s account owns in its Region (the source when it qualifies). */
  async owned(scope: CloudScope, opts: { windows?: boolean; unencrypted?: boolean } = {}): Promise<string | undefined> {
    const src = this.input.source;
    if (src.kind === 'ami' && src.accountId === scope.accountId && src.region === scope.region && (!opts.windows || src.platform === 'Windows')) {
      if (!opts.unencrypted) return src.imageId;
    }
    const k = `${scope.accountId}|${scope.region}`;
    let p = this.ownedLists.get(k);
    if (!p) {
      p = this.cloud.ec2
        .describeImages(scope, { owners: ['self'], filters: [{ name: 'state', values: ['available'] }] })
        .then((r) => r.images)
        .catch(() => []);
      this.ownedLists.set(k, p);
    }
    const found = (await p).find(
      (i) =>
        i.state === 'available' && (!opts.windows || i.platform === 'windows') && (!opts.unencrypted || i.blockDeviceMappings.every((b) => !b.ebs.encrypted)),
    );
    return found?.imageId;
  }

  /**
   * An AMI `scope`'s account may copy from its Region: the source itself when it is there and the
   * account can already see it, else an unencrypted AMI of its own (a copy from its own AMI needs
   * no launch permission and no other account's key).
   */
  async copyable(scope: CloudScope): Promise<string | undefined> {
    const src = this.input.source;
    if (src.kind === 'ami' && src.region === scope.region) {
      const seen = await this.cloud.ec2.describeImages(scope, { imageIds: [src.imageId] }).then(
        (r) => r.images.length > 0,
        () => false,
      );
      if (seen) return src.imageId;
    }
    return this.owned(scope, { unencrypted: true });
  }
}
