/** Names the preview shows for mentions; unknown ids fall back to Discord's placeholders. */
export interface MentionResolver {
  user?(id: string): string | undefined;
  channel?(id: string): string | undefined;
  role?(id: string): { name: string; color?: number } | undefined;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const SAFE_URL = /^https?:\/\/[^\s<>"']+$/i;

/** Inline rules in the order Discord applies them (longest delimiters first). */
const INLINE: Array<[RegExp, string]> = [
  [/\*\*\*(.+?)\*\*\*/gs, '<strong><em>$1</em></strong>'],
  [/\*\*(.+?)\*\*/gs, '<strong>$1</strong>'],
  [/__(.+?)__/gs, '<u>$1</u>'],
  [/\*(?!\s)(.+?)(?<!\s)\*/gs, '<em>$1</em>'],
  [/(^|[^\w])_(?!\s)(.+?)(?<!\s)_(?!\w)/gs, '$1<em>$2</em>'],
  [/~~(.+?)~~/gs, '<s>$1</s>'],
  [/\|\|(.+?)\|\|/gs, '<span class="md-spoiler" tabindex="0">$1</span>'],
];

function formatTimestamp(seconds: number, style: string): string {
  const d = new Date(seconds * 1000);
  if (Number.isNaN(d.getTime())) return '';
  const opts: Record<string, Intl.DateTimeFormatOptions> = {
    t: { timeStyle: 'short' }, T: { timeStyle: 'medium' }, d: { dateStyle: 'short' }, D: { dateStyle: 'long' },
    f: { dateStyle: 'long', timeStyle: 'short' }, F: { dateStyle: 'full', timeStyle: 'short' },
  };
  if (style === 'R') {
    const diff = Math.round((seconds * 1000 - Date.now()) / 1000);
    const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
    const abs = Math.abs(diff);
    if (abs < 60) return rtf.format(diff, 'second');
    if (abs < 3600) return rtf.format(Math.round(diff / 60), 'minute');
    if (abs < 86400) return rtf.format(Math.round(diff / 3600), 'hour');
    return rtf.format(Math.round(diff / 86400), 'day');
  }
  return new Intl.DateTimeFormat('en', opts[style] ?? opts.f).format(d);
}

function inline(text: string, resolve: MentionResolver): string {
  let out = escapeHtml(text);
  out = out.replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, (m, label: string, url: string) =>
    SAFE_URL.test(url) ? `<a href="${url}" rel="noopener noreferrer" target="_blank">${label}</a>` : m,
  );
  out = out.replace(/(^|[\s(])(https?:\/\/[^\s<]+[^\s<.,:;"')\]])/g, (_m, pre: string, url: string) => `${pre}<a href="${url}" rel="noopener noreferrer" target="_blank">${url}</a>`);
  out = out.replace(/&lt;@!?(\d{5,20})&gt;/g, (_m, id: string) => `<span class="md-mention">@${escapeHtml(resolve.user?.(id) ?? 'unknown-user')}</span>`);
  out = out.replace(/&lt;#(\d{5,20})&gt;/g, (_m, id: string) => `<span class="md-mention">#${escapeHtml(resolve.channel?.(id) ?? 'unknown-channel')}</span>`);
  out = out.replace(/&lt;@&amp;(\d{5,20})&gt;/g, (_m, id: string) => {
    const role = resolve.role?.(id);
    const color = role?.color ? ` style="color:#${role.color.toString(16).padStart(6, '0')}"` : '';
    return `<span class="md-mention"${color}>@${escapeHtml(role?.name ?? 'deleted-role')}</span>`;
  });
  out = out.replace(/&lt;(a?):(\w{2,32}):(\d{5,20})&gt;/g, (_m, anim: string, name: string, id: string) =>
    `<img class="md-emoji" alt=":${name}:" src="https://cdn.discordapp.com/emojis/${id}.${anim ? 'gif' : 'webp'}?size=44">`,
  );
  out = out.replace(/&lt;t:(-?\d{1,13})(?::([tTdDfFR]))?&gt;/g, (_m, s: string, style = 'f') => `<span class="md-time">${formatTimestamp(Number(s), style)}</span>`);
  out = out.replace(/@(everyone|here)\b/g, '<span class="md-mention">@$1</span>');
  for (const [re, rep] of INLINE) out = out.replace(re, rep);
  return out;
}

/**
 * Renders Discord-flavoured markdown to HTML the way the Discord client shows it:
 * bold, italic, underline, strike, spoilers, inline code and fenced code blocks, quotes,
 * headings, subtext, lists, masked links, mentions, custom emoji and timestamps.
 * All text is HTML-escaped first, so user input cannot inject markup.
 */
export function renderDiscordMarkdown(source: string, resolve: MentionResolver = {}): string {
  const codes: string[] = [];
  const stash = (html: string) => `\u0000${codes.push(html) - 1}\u0000`;
  let text = source.replace(/```(?:([\w+-]{1,20})\n)?([\s\S]*?)```/g, (_m, lang: string | undefined, code: string) =>
    stash(`<pre class="md-codeblock"${lang ? ` data-lang="${escapeHtml(lang)}"` : ''}><code>${escapeHtml(code.replace(/\n$/, ''))}</code></pre>`),
  );
  text = text.replace(/``([^`]+?)``|`([^`\n]+?)`/g, (_m, a: string | undefined, b: string | undefined) => stash(`<code class="md-code">${escapeHtml(a ?? b ?? '')}</code>`));

  const lines = text.split('\n');
  const html: string[] = [];
  let list: string[] = [];
  const flushList = () => {
    if (list.length) html.push(`<ul class="md-list">${list.map((li) => `<li>${li}</li>`).join('')}</ul>`);
    list = [];
  };
  for (const line of lines) {
    const heading = /^(#{1,3}) (.+)$/.exec(line);
    const sub = /^-# (.+)$/.exec(line);
    const quote = /^> ?(.*)$/.exec(line);
    const item = /^\s*[-*] (.+)$/.exec(line);
    if (item && !sub) { list.push(inline(item[1]!, resolve)); continue; }
    flushList();
    if (heading) html.push(`<h${heading[1]!.length} class="md-h">${inline(heading[2]!, resolve)}</h${heading[1]!.length}>`);
    else if (sub) html.push(`<small class="md-subtext">${inline(sub[1]!, resolve)}</small>`);
    else if (quote) html.push(`<blockquote class="md-quote">${inline(quote[1]!, resolve)}</blockquote>`);
    else html.push(`${inline(line, resolve)}<br>`);
  }
  flushList();
  let out = html.join('').replace(/(<br>)+$/, '');
  // eslint-disable-next-line no-control-regex -- NUL delimits the stashed code spans, as stash() writes them
  out = out.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => codes[Number(i)] ?? '');
  return out;
}
