/** One toast on screen. */
export interface Toast {
  id: number;
  kind: 'success' | 'error' | 'info';
  message: string;
  requestId?: string;
}

let next = 1;

/** The toasts currently shown (newest last). */
export const toasts = $state<Toast[]>([]);

/** Removes a toast by id. */
export function dismiss(id: number): void {
  const i = toasts.findIndex((t) => t.id === id);
  if (i >= 0) toasts.splice(i, 1);
}

function push(kind: Toast['kind'], message: string, requestId?: string): void {
  const id = next++;
  toasts.push({ id, kind, message, requestId });
  // A burst of outcomes keeps the newest few on screen rather than a wall of toasts.
  if (toasts.length > 4) toasts.splice(0, toasts.length - 4);
  setTimeout(() => dismiss(id), kind === 'error' ? 8_000 : 4_000);
}

/** Shows the outcome of an action; errors keep their request id for support. */
export const toast = {
  success: (m: string) => push('success', m),
  info: (m: string) => push('info', m),
  error: (m: string, requestId?: string) => push('error', m, requestId),
};
