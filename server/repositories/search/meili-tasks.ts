// Meilisearch applies writes asynchronously as tasks. The client's waitTask() resolves
// with the finished task whatever its outcome, so a failed task must be turned into an
// error here or an index update would fail silently.

import type { EnqueuedTask, EnqueuedTaskPromise, Meilisearch, Task } from 'meilisearch';

/** A write task that Meilisearch finished without success. */
export class MeiliTaskError extends Error {
  override name = 'MeiliTaskError';
  constructor(readonly task: Pick<Task, 'uid' | 'type' | 'status' | 'error'>) {
    super(`Meilisearch task ${task.uid} (${task.type}) ${task.status}${task.error ? `: ${task.error.code} — ${task.error.message}` : ''}`);
  }
}

/** Throw MeiliTaskError unless the task succeeded. */
export function requireSucceeded(task: Task): Task {
  if (task.status !== 'succeeded') throw new MeiliTaskError(task);
  return task;
}

/** Wait for an enqueued write and require that it succeeded. */
export async function waitForSuccess(enqueued: EnqueuedTaskPromise, timeoutMs: number): Promise<Task> {
  return requireSucceeded(await enqueued.waitTask({ timeout: timeoutMs, interval: 50 }));
}

/** Wait for a task enqueued earlier (see EnqueuedTaskPromise) and require that it succeeded. */
export async function waitForEnqueuedSuccess(tasks: Meilisearch['tasks'], enqueued: EnqueuedTask, timeoutMs: number): Promise<Task> {
  return requireSucceeded(await tasks.waitForTask(enqueued, { timeout: timeoutMs, interval: 50 }));
}
