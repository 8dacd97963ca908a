// SQLite store of build inputs and pipelines (image and container recipes, components,
// infrastructure configurations, image pipelines, workflows): the wire record as JSON, keyed by ARN.
import type { Scope } from '../../domain/scope.js';
import type { BuildResourceStore } from '../ports.js';
import type { BuildResourceRecord, BuildResourceType } from '../records.js';
import type { Db } from './db.js';
import { parseStored } from './rows.js';

interface Row {
  arn: string;
  id: string;
  version: string;
  build_number: number;
  body: string;
  date_created: string;
}

const fromRow = <T>(r: Row): BuildResourceRecord<T> => ({
  arn: r.arn,
  id: r.id,
  version: r.version,
  buildNumber: r.build_number,
  body: parseStored<T>('build_resources', r.arn, r.body),
  dateCreated: r.date_created,
});

/** Records scoped by (account, Region), looked up by ARN or listed by type. */
export class SqliteBuildResourceStore implements BuildResourceStore {
  private readonly getStmt;
  private readonly insStmt;
  private readonly putStmt;
  private readonly delStmt;
  private readonly listStmt;
  private readonly byIdStmt;

  constructor(private readonly db: Db) {
    this.getStmt = db.prepare<[string, string, string], Row>('SELECT * FROM build_resources WHERE account_id = ? AND region = ? AND arn = ?');
    this.insStmt = db.prepare(
      'INSERT INTO build_resources (account_id, region, type, arn, id, version, build_number, body, date_created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.putStmt = db.prepare('UPDATE build_resources SET body = ? WHERE account_id = ? AND region = ? AND arn = ?');
    this.delStmt = db.prepare('DELETE FROM build_resources WHERE account_id = ? AND region = ? AND arn = ?');
    this.listStmt = db.prepare<[string, string, string], Row>(
      'SELECT * FROM build_resources WHERE account_id = ? AND region = ? AND type = ? ORDER BY id, version, build_number',
    );
    this.byIdStmt = db.prepare<[string, string, string, string], Row>(
      'SELECT * FROM build_resources WHERE account_id = ? AND region = ? AND type = ? AND id = ? ORDER BY version, build_number',
    );
  }

  get<T>(scope: Scope, arn: string): BuildResourceRecord<T> | undefined {
    const r = this.getStmt.get(scope.accountId, scope.region, arn);
    return r ? fromRow<T>(r) : undefined;
  }

  insert(scope: Scope, type: BuildResourceType, rec: BuildResourceRecord<unknown>): void {
    this.insStmt.run(scope.accountId, scope.region, type, rec.arn, rec.id, rec.version, rec.buildNumber, JSON.stringify(rec.body), rec.dateCreated);
  }

  put(scope: Scope, arn: string, body: unknown): boolean {
    return this.putStmt.run(JSON.stringify(body), scope.accountId, scope.region, arn).changes > 0;
  }

  delete(scope: Scope, arn: string): boolean {
    return this.delStmt.run(scope.accountId, scope.region, arn).changes > 0;
  }

  /** Every record of a type, ordered by id, version and build. */
  list<T>(scope: Scope, type: BuildResourceType): BuildResourceRecord<T>[] {
    return this.listStmt.all(scope.accountId, scope.region, type).map((r) => fromRow<T>(r));
  }

  /** Every version (and build) of one id. */
  versionsOf<T>(scope: Scope, type: BuildResourceType, id: string): BuildResourceRecord<T>[] {
    return this.byIdStmt.all(scope.accountId, scope.region, type, id).map((r) => fromRow<T>(r));
  }

  /** Every image pipeline of every scope (the scheduler's view). */
  allPipelines(): { scope: Scope; rec: BuildResourceRecord }[] {
    const rows = this.db
      .prepare("SELECT account_id, region, arn, id, version, build_number, body, date_created FROM build_resources WHERE type = 'image-pipeline'")
      .all() as (Row & { account_id: string; region: string })[];
    return rows.map((r) => ({ scope: { accountId: r.account_id, region: r.region }, rec: fromRow(r) }));
  }
}
