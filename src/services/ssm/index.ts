// The SSM Parameter Store operations ibex answers.
import type { WorldHandlers } from '../world-call.js';
import { DeleteParameter } from './DeleteParameter.js';
import { DescribeParameters } from './DescribeParameters.js';
import { GetParameter } from './GetParameter.js';
import { GetParameterHistory } from './GetParameterHistory.js';
import { GetParameters } from './GetParameters.js';
import { GetParametersByPath } from './GetParametersByPath.js';
import { LabelParameterVersion } from './LabelParameterVersion.js';
import { PutParameter } from './PutParameter.js';

export const SSM_HANDLERS: WorldHandlers = {
  DeleteParameter,
  DescribeParameters,
  GetParameter,
  GetParameterHistory,
  GetParameters,
  GetParametersByPath,
  LabelParameterVersion,
  PutParameter,
};
