/**
 * The work a pool worker can do, by name. Each domain registers its task handlers when its
 * task module is imported (the worker entry, src/worker.ts, imports every domain's); the
 * runtime only routes by name and knows no domain.
 */

/** A task message: its handler's name plus plain data. */
export interface Task {
  readonly task: string;
}

/** What a task handler returns: its result and the buffers to transfer rather than copy. */
export interface TaskOutput<T> {
  readonly result: T;
  readonly transfer: ArrayBuffer[];
}

/** A task handler: plain data in, plain data (and buffers to transfer) out. */
export type TaskHandler<T extends Task = Task> = (task: T) => Promise<TaskOutput<unknown>>;

const handlers = new Map<string, TaskHandler>();

/** Registers the handler of tasks named `name` (once per name). */
export function registerTask<T extends Task>(name: T['task'], handler: TaskHandler<T>): void {
  if (handlers.has(name) && handlers.get(name) !== handler) throw new Error(`task ${JSON.stringify(name)} is registered twice`);
  handlers.set(name, handler as TaskHandler);
}

/** Runs any registered task by its name. */
export function runTask(t: Task): Promise<TaskOutput<unknown>> {
  const handler = handlers.get(t.task);
  if (!handler) return Promise.reject(new Error(`unknown task ${JSON.stringify(t.task)}`));
  return handler(t);
}
