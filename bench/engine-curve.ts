// `node --import tsx bench/engine-curve.ts [ACCOUNTSxREGIONS …]`: the engine growth curve alone
// (default: 100, 200, 500 and 1,536 accounts × 16 Regions, and 1,536 × 1), each size in its own
// process; prints JSON. `npm run bench -- --only=engine` runs the same sizes with the tables.
import { engineCurve } from './engine.js';

const args = process.argv.slice(2);
const sizes = (args.length ? args : ['100x16', '200x16', '500x16', '1536x1', '1536x16']).map((s) => s.split('x').map(Number) as [number, number]);
console.log(JSON.stringify(await engineCurve(sizes), null, 1));
