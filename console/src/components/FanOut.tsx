// The fan-out picture of a distribution: source → Regions → jobs per account, each node coloured
// by state (SVG), with a text list of the same facts for keyboard and screen-reader users; with a
// rollout, each job names its ring.
import type { Job } from '../progress';

const ROW = 46;
const COLORS: Record<string, string> = {
  PENDING: '#9aa5b1',
  RUNNING: '#2f80ed',
  COMPLETED: '#27ae60',
  FAILED: '#d64545',
  CANCELLED: '#e0a800',
  SKIPPED: '#e0a800',
};

/** A Region's state: failed if any job failed, running if any runs, completed if all did. */
export function aggregate(jobs: Job[]): string {
  if (jobs.some((j) => j.status === 'FAILED')) return 'FAILED';
  if (jobs.some((j) => j.status === 'RUNNING')) return 'RUNNING';
  if (jobs.length && jobs.every((j) => j.status === 'COMPLETED')) return 'COMPLETED';
  if (jobs.some((j) => j.status === 'CANCELLED' || j.status === 'SKIPPED')) return 'CANCELLED';
  return jobs.some((j) => j.status === 'COMPLETED') ? 'RUNNING' : 'PENDING';
}

const KIND: Record<string, string> = {
  ami: 'AMI',
  launchPermission: 'launch permissions',
  license: 'licenses',
  launchTemplate: 'launch template',
  ssmParameter: 'SSM parameter',
  s3Export: 'S3 export',
  fastLaunch: 'fast launch',
  container: 'container',
};

/** A custom workflow's steps name no Region (their key is the step's name): group them as steps. */
const regionLabel = (region: string) => (region === '-' ? 'workflow steps' : region);

/** `ringOf`: a rollout's ring of each job (by job key), shown on the job's node and in the list. */
export function FanOut({
  source,
  status,
  jobs,
  amis,
  ringOf,
}: {
  source: string;
  status: string;
  jobs: Job[];
  amis: Record<string, string>;
  ringOf?: Record<string, string>;
}) {
  const regions = [...new Set(jobs.map((j) => j.region))].sort();
  const byRegion = regions.map((r) => ({
    region: r,
    jobs: jobs.filter((j) => j.region === r).sort((a, b) => a.accountId.localeCompare(b.accountId) || a.kind.localeCompare(b.kind)),
  }));
  const rows = Math.max(1, jobs.length);
  const height = rows * ROW + 20;
  const srcY = height / 2;
  let y = 10;
  const layout = byRegion.map((g) => {
    const top = y;
    y += g.jobs.length * ROW;
    return { ...g, y: (top + y) / 2 - 0, top };
  });
  const srcColor = status === 'AVAILABLE' ? COLORS.COMPLETED : status === 'FAILED' ? COLORS.FAILED : status === 'CANCELLED' ? COLORS.CANCELLED : COLORS.RUNNING;
  return (
    <figure className="fanout">
      <svg
        width="100%"
        viewBox={`0 0 960 ${height}`}
        role="img"
        aria-label={`Fan-out of ${source}: ${regions.length} Regions, ${jobs.length} jobs, image ${status}`}
      >
        <g>
          <rect x={10} y={srcY - 22} width={220} height={44} rx={8} fill={srcColor} data-node="source" data-state={status} />
          <text x={20} y={srcY - 3} className="node-title">
            <title>{source}</title>
            {source.length > 24 ? `${source.slice(0, 23)}…` : source}
          </text>
          <text x={20} y={srcY + 14} className="node-sub">
            image {status}
          </text>
        </g>
        {layout.map((g) => {
          const st = aggregate(g.jobs);
          return (
            <g key={g.region}>
              <path d={`M230 ${srcY} C 270 ${srcY}, 270 ${g.y}, 310 ${g.y}`} stroke="#7b8794" fill="none" strokeWidth={2} />
              <rect x={310} y={g.y - 20} width={170} height={40} rx={8} fill={COLORS[st]} data-node={`region:${g.region}`} data-state={st} />
              <text x={322} y={g.y + 5} className="node-title">
                {regionLabel(g.region)}
              </text>
              {g.jobs.map((j, i) => {
                const jy = g.top + i * ROW + ROW / 2;
                const ami = amis[`${j.region}/${j.accountId}`];
                return (
                  <g key={j.key}>
                    <path d={`M480 ${g.y} C 520 ${g.y}, 520 ${jy}, 560 ${jy}`} stroke="#7b8794" fill="none" strokeWidth={2} />
                    <rect
                      x={560}
                      y={jy - 20}
                      width={390}
                      height={40}
                      rx={8}
                      fill={COLORS[j.status] ?? COLORS.PENDING}
                      data-node={`job:${j.key}`}
                      data-state={j.status}
                      {...(ringOf?.[j.key] ? { 'data-ring': ringOf[j.key] } : {})}
                      className={j.status === 'RUNNING' ? 'pulse' : ''}
                    />
                    <text x={572} y={jy - 3} className="node-title">
                      {j.accountId} · {KIND[j.kind] ?? j.kind}
                    </text>
                    <text x={572} y={jy + 13} className="node-sub">
                      {j.status}
                      {j.kind === 'ami' && ami ? ` · ${ami}` : ''}
                      {ringOf?.[j.key] ? ` · ring ${ringOf[j.key]}` : ''}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      {/* Below 720 px the picture is too small to read: the same facts as a list per Region. */}
      <ol className="fanout-list" aria-label={`Fan-out of ${source} by Region`}>
        {byRegion.map((g) => {
          const st = aggregate(g.jobs);
          return (
            <li key={g.region} style={{ borderLeftColor: COLORS[st] }} data-list-region={g.region} data-state={st}>
              <strong>{regionLabel(g.region)}</strong> <span className={`state state-${st}`}>{st.toLowerCase()}</span>
              <ul>
                {g.jobs.map((j) => {
                  const ami = amis[`${j.region}/${j.accountId}`];
                  return (
                    <li key={j.key} className="job" data-list-job={j.key}>
                      <span className="nowrap">{j.accountId}</span>
                      <span>{KIND[j.kind] ?? j.kind}</span>
                      <span className={`state state-${j.status}`}>{j.status}</span>
                      {j.kind === 'ami' && ami ? <span className="nowrap">{ami}</span> : null}
                      {ringOf?.[j.key] ? <span className="ring-tag">ring {ringOf[j.key]}</span> : null}
                    </li>
                  );
                })}
              </ul>
            </li>
          );
        })}
      </ol>
      <figcaption className="legend">
        {Object.entries({ PENDING: 'pending', RUNNING: 'running', COMPLETED: 'completed', FAILED: 'failed', CANCELLED: 'cancelled' }).map(([k, v]) => (
          <span key={k}>
            <i style={{ background: COLORS[k] }} /> {v}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
