// ibex on ibex: the port contract suite runs the AWS adapter against a second ibex's endpoint —
// every behaviour the in-process world has, the lifecycle calls included, must hold over the
// wire, with no gaps declared.
import { after, describe } from 'node:test';
import { ec2LifecycleContract, portContract } from '../cloud/contract/index.js';
import { ibexEnv, type IbexEnv } from './ibex-env.js';

const opened: IbexEnv[] = [];
after(() => opened.forEach((e) => e.close?.()));

describe('AWS adapter against a second ibex', () => {
  const make = async () => {
    const env = await ibexEnv();
    opened.push(env);
    return env;
  };
  portContract(make);
  ec2LifecycleContract(make);
});
