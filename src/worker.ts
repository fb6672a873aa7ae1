/**
 * The pool workers' entry: every domain's task handlers, then the runtime's task loop.
 * A new domain with worker tasks adds its task module here.
 */
import './lr/tasks.js';
import './mf/rows.js';
import './nn/rows.js';
import { serveTasks } from './runtime/worker.js';

serveTasks();
