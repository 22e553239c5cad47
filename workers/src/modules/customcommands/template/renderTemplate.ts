import { LIMITS, parseTemplate, textOf, type Node, type TemplateProblem, type TemplateScope } from './parseTemplate';

/** The values a template is filled with (strings only: nothing is evaluated). */
export type TemplateVars = Record<string, string>;

/** What rendering gives: the text (at most 2,000 characters), whether it was cut, the problems. */
export interface Rendered {
  text: string;
  truncated: boolean;
  problems: TemplateProblem[];
}

/**
 * Fills a template: variables from `vars` (missing ones are empty), `random` with `rng`
 * (0 ≤ x < 1), loops bounded by the parser's limits and a step budget; output stops at 2,000
 * characters. A template with problems renders nothing (the editor shows them instead).
 */
export function renderTemplate(src: string, vars: TemplateVars, scope: TemplateScope = {}, rng: () => number = Math.random): Rendered {
  const { nodes, problems } = parseTemplate(src, scope);
  if (problems.length) return { text: '', truncated: false, problems };
  let steps = 0;
  let truncated = false;
  const run = (list: Node[], budget: number): string => {
    let out = '';
    for (const n of list) {
      if (++steps > LIMITS.steps || out.length >= budget) {
        truncated = true;
        break;
      }
      out += one(n, budget - out.length);
    }
    if (out.length > budget) {
      truncated = true;
      out = out.slice(0, budget);
    }
    return out;
  };
  const one = (n: Node, budget: number): string => {
    if (n.kind === 'text') return n.text;
    if (n.kind === 'var') return vars[n.name] ?? '';
    const a = n.args;
    switch (n.name) {
      case 'random':
        return run(a[Math.min(a.length - 1, Math.floor(rng() * a.length))]!, budget);
      case 'repeat': {
        let out = '';
        let k = Number(textOf(a[0]!));
        for (; k > 0 && out.length < budget; k--) out += run(a[1]!, budget - out.length);
        if (k > 0) truncated = true;
        return out;
      }
      case 'if':
        return (vars[textOf(a[0]!)] ?? '') !== '' ? run(a[1]!, budget) : a[2] ? run(a[2], budget) : '';
      case 'upper':
        return run(a[0]!, budget).toUpperCase();
      case 'lower':
        return run(a[0]!, budget).toLowerCase();
    }
  };
  const text = run(nodes, LIMITS.outputChars);
  return { text, truncated, problems: [] };
}
