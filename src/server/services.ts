// Wires the stores and helpers that handlers use over one open database.
import { PaginationTokens } from '../domain/pagination.js';
import type { Services } from '../operations/context.js';
import type { Db } from '../store/sqlite/db.js';
import { sqliteDistributionConfigurationStore } from '../store/sqlite/distribution-configurations.js';
import { sqliteIdempotencyStore } from '../store/sqlite/idempotency.js';
import { paginationSecret } from '../store/sqlite/meta.js';
import { sqliteTagStore } from '../store/sqlite/tags.js';

/** Creates the services over `db`. */
export function createServices(db: Db): Services {
  return {
    db,
    distributionConfigurations: sqliteDistributionConfigurationStore(db),
    tags: sqliteTagStore(db),
    idempotency: sqliteIdempotencyStore(db),
    pagination: new PaginationTokens(paginationSecret(db)),
  };
}
