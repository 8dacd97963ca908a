// The S3 operations ibex answers (path-style and `<bucket>.localhost` virtual-hosted).
import type { WorldHandlers } from '../world-call.js';
import { CreateBucket } from './CreateBucket.js';
import { DeleteBucket } from './DeleteBucket.js';
import { DeleteObject } from './DeleteObject.js';
import { GetObject } from './GetObject.js';
import { HeadBucket } from './HeadBucket.js';
import { HeadObject } from './HeadObject.js';
import { ListBuckets } from './ListBuckets.js';
import { ListObjects } from './ListObjects.js';
import { ListObjectsV2 } from './ListObjectsV2.js';
import { PutObject } from './PutObject.js';

export const S3_HANDLERS: WorldHandlers = {
  CreateBucket,
  DeleteBucket,
  DeleteObject,
  GetObject,
  HeadBucket,
  HeadObject,
  ListBuckets,
  ListObjects,
  ListObjectsV2,
  PutObject,
};
