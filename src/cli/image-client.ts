// The client for commands that act on one image (status, watch, retry, cancel): the image's
// Region comes from its ARN and, without --account or credentials, its account too — so asking
// works whatever the default Region is.
import type { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { clientFor, CliError, regionOf, type ClientOptions } from './connection.js';
import { ownerOf } from '../client/index.js';

const IMAGE_ARN = /^arn:[\w-]+:imagebuilder:([a-z0-9-]+):(\d{12}):image\/[a-z0-9-_]+\/\d+\.\d+\.\d+\/\d+$/;

/** Checks `arn` is an image build version ARN (exit 2 otherwise) and returns a client for it. */
export function imageClient(o: ClientOptions, arn: string): ImagebuilderClient {
  const m = IMAGE_ARN.exec(arn);
  if (!m) throw new CliError(`'${arn}' is not an image build version ARN (arn:aws:imagebuilder:<region>:<account>:image/<name>/<x.y.z>/<build>)`, 2);
  return clientFor(o, m[1] ?? regionOf(o), ownerOf(arn));
}
