/**
 * The template language of custom commands and auto-responses, safe by design: text with
 * `{tags}`, no expressions and no code. A tag is a variable (`{user}`, `{option.name}`) or one
 * of a few functions whose arguments are separated by `|` and may hold tags
 * (`{random:hi|hello {user}}`, `{repeat:3|🎉}`, `{if:option.reason|Because {option.reason}|No reason}`,
 * `{upper:…}`, `{lower:…}`). `{{` and `}}` write braces. Loops are bounded (`repeat` ≤ 20, 8
 * levels of nesting) and so is the output (2,000 characters).
 */
export type Node = { kind: 'text'; text: string } | { kind: 'var'; name: string; at: number } | { kind: 'fn'; name: Fn; args: Node[][]; at: number };

/** A problem found in a template, with its position (0-based character index). */
export interface TemplateProblem {
  message: string;
  at: number;
}

export const FUNCTIONS = { random: [1, 20], repeat: [2, 2], if: [2, 3], upper: [1, 1], lower: [1, 1] } as const;
export type Fn = keyof typeof FUNCTIONS;
/** Variables every template may use (`option.<name>` too, for a command's options). */
export const VARIABLES = ['user', 'user.name', 'user.id', 'user.mention', 'server', 'server.name', 'server.id', 'server.members', 'channel', 'channel.name', 'channel.id', 'message', 'date'] as const;
export const LIMITS = { templateChars: 4000, depth: 8, repeat: 20, outputChars: 2000, steps: 5000 } as const;

/** What a template may refer to beyond the fixed variables. */
export interface TemplateScope {
  /** Option names of the command (`{option.<name>}`). */
  options?: readonly string[];
  /** Auto-responses: `{message}` (the message's text) is allowed. */
  message?: boolean;
}

/** Parses a template; `problems` is empty when it is valid in `scope`. */
export function parseTemplate(src: string, scope: TemplateScope = {}): { nodes: Node[]; problems: TemplateProblem[] } {
  const problems: TemplateProblem[] = [];
  if (src.length > LIMITS.templateChars) problems.push({ message: `a template has at most ${LIMITS.templateChars} characters`, at: LIMITS.templateChars });
  let i = 0;
  const options = new Set(scope.options ?? []);

  function seq(depth: number, inArgs: boolean): Node[] {
    const out: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ kind: 'text', text });
      text = '';
    };
    while (i < src.length) {
      const c = src[i]!;
      if (c === '{' && src[i + 1] === '{') { text += '{'; i += 2; continue; }
      if (c === '}' && src[i + 1] === '}' && !inArgs) { text += '}'; i += 2; continue; }
      if (inArgs && (c === '|' || c === '}')) break;
      if (c === '}') { problems.push({ message: 'a “}” closes nothing (write “}}” for a brace)', at: i }); i++; continue; }
      if (c === '{') { flush(); out.push(tag(depth)); continue; }
      text += c;
      i++;
    }
    flush();
    return out;
  }

  function tag(depth: number): Node {
    const at = i;
    i++;
    const m = /^[a-z][a-z0-9_.-]{0,40}/i.exec(src.slice(i, i + 42));
    const name = m?.[0] ?? '';
    i += name.length;
    if (depth >= LIMITS.depth) problems.push({ message: `tags nest at most ${LIMITS.depth} deep`, at });
    if (src[i] === ':') {
      i++;
      const args: Node[][] = [seq(depth + 1, true)];
      while (src[i] === '|') { i++; args.push(seq(depth + 1, true)); }
      if (src[i] !== '}') problems.push({ message: `“{${name}:” is not closed with “}”`, at });
      else i++;
      const arity = FUNCTIONS[name as Fn];
      if (!arity) problems.push({ message: `unknown function “${name}” (there are ${Object.keys(FUNCTIONS).join(', ')})`, at });
      else if (args.length < arity[0] || args.length > arity[1]) problems.push({ message: `“${name}” takes ${arity[0] === arity[1] ? arity[0] : `${arity[0]} to ${arity[1]}`} arguments separated by |`, at });
      if (name === 'repeat') {
        const n = args[0]?.length === 1 && args[0][0]!.kind === 'text' ? Number(args[0][0]!.text.trim()) : NaN;
        if (!Number.isInteger(n) || n < 0 || n > LIMITS.repeat) problems.push({ message: `repeat’s count is a number from 0 to ${LIMITS.repeat}`, at });
      }
      if (name === 'if') checkVar(textOf(args[0] ?? []), at);
      return { kind: 'fn', name: name as Fn, args, at };
    }
    if (src[i] !== '}') {
      problems.push({ message: name ? `“{${name}” is not closed with “}”` : 'a “{” opens no tag (write “{{” for a brace)', at });
      return { kind: 'text', text: '' };
    }
    i++;
    checkVar(name, at);
    return { kind: 'var', name, at };
  }

  function checkVar(name: string, at: number): void {
    if (name.startsWith('option.')) {
      if (!options.has(name.slice(7))) problems.push({ message: `“${name}”: the command has no option “${name.slice(7)}”`, at });
    } else if (name === 'message' ? !scope.message : !(VARIABLES as readonly string[]).includes(name)) {
      problems.push({ message: `unknown variable “${name}” (there are ${VARIABLES.filter((v) => v !== 'message' || scope.message).join(', ')}${options.size ? ', option.<name>' : ''})`, at });
    }
  }

  const nodes = seq(0, false);
  return { nodes, problems };
}

/** The plain text of a sequence of nodes (for arguments that must be literal). */
export function textOf(nodes: Node[]): string {
  return nodes.map((n) => (n.kind === 'text' ? n.text : n.kind === 'var' ? n.name : '')).join('').trim();
}
