// What the modules that run or read custom workflows take: the executions' store and the engine.
import type { WorkflowRunStore } from '../store/ports.js';
import type { WorkflowEngine } from './engine.js';

/** Custom workflow executions: their store and the engine that runs them. */
export interface WorkflowServices {
  store: WorkflowRunStore;
  engine: WorkflowEngine;
}
