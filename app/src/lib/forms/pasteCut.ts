/**
 * What a paste into a field limited to `max` characters keeps, and a sentence saying what was cut,
 * or null when everything fits. `selStart`/`selEnd` is the selection the paste replaces.
 */
export function pasteCut(current: string, pasted: string, selStart: number, selEnd: number, max: number): { value: string; caret: number; note: string } | null {
  const room = max - (current.length - (selEnd - selStart));
  if (pasted.length <= room) return null;
  const kept = pasted.slice(0, Math.max(0, room));
  const cut = pasted.length - kept.length;
  const fmt = (x: number) => x.toLocaleString('en-US');
  return {
    value: current.slice(0, selStart) + kept + current.slice(selEnd),
    caret: selStart + kept.length,
    note: `The pasted text had ${fmt(pasted.length)} characters: the limit is ${fmt(max)}, so the last ${fmt(cut)} were cut (it ended "…${pasted.slice(-24).replace(/\s+/g, ' ')}").`,
  };
}
