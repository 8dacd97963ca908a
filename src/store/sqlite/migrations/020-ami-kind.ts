// The simulated world's AMI rows are kind 'ami' (they were 'image'): in ibex "image" alone means an
// Image Builder image (the `images` table), an EC2 image is an AMI everywhere in the code and rows.
import type { Migration } from './index.js';

export const m020: Migration = {
  version: 20,
  name: 'ami-kind',
  sql: `
UPDATE world_resources SET kind = 'ami' WHERE kind = 'image';
`,
};
