import { Routes, type APIMessage } from 'discord-api-types/v10';
import type { REST } from '@discordjs/rest';
import { discordCall } from '../../api/discord/botRest';
import type { Ticket } from './data/ticketStore';

/** At most this many pages of 100 messages are read (a Worker invocation has 50 subrequests). */
const MAX_PAGES = 5;

/** A ticket channel's messages, oldest first (up to 500). */
export async function readMessages(rest: REST, channelId: string): Promise<APIMessage[]> {
  const out: APIMessage[] = [];
  let before: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ limit: '100', ...(before ? { before } : {}) });
    const batch = await discordCall<APIMessage[]>(() => rest.get(Routes.channelMessages(channelId), { query }));
    out.push(...batch);
    if (batch.length < 100) break;
    before = batch.at(-1)!.id;
  }
  return out.reverse();
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The first message by someone other than the member and the bot: the first response. */
export function firstResponse(messages: APIMessage[], ticket: Pick<Ticket, 'openerId'>, botId: string): { at: Date; by: string } | null {
  const m = messages.find((x) => x.author.id !== ticket.openerId && x.author.id !== botId && !x.author.bot);
  return m ? { at: new Date(m.timestamp), by: m.author.id } : null;
}

/**
 * A self-contained HTML page of a ticket: its header (category, member, answers, reason) and
 * every message with its author, time, text, embeds and attachments' names. Everything is
 * escaped: a transcript can be opened safely in a browser.
 */
export function transcriptHtml(ticket: Ticket, messages: APIMessage[], meta: { guildName: string; reason: string; closedBy: string }): string {
  const rows = messages.map((m) => {
    const who = m.author.global_name ?? m.author.username;
    const embeds = (m.embeds ?? []).map((e) => `<div class="embed">${e.title ? `<b>${esc(e.title)}</b><br>` : ''}${esc(e.description ?? '')}${(e.fields ?? []).map((f) => `<br><b>${esc(f.name)}</b>: ${esc(f.value)}`).join('')}</div>`).join('');
    const files = (m.attachments ?? []).map((a) => `<div class="file">📎 ${esc(a.filename)}</div>`).join('');
    return `<div class="msg"><span class="who">${esc(who)}</span> <span class="id">(${m.author.id})</span> <time>${esc(m.timestamp)}</time><div class="text">${esc(m.content ?? '')}</div>${embeds}${files}</div>`;
  });
  const answers = ticket.answers.map((a) => `<li><b>${esc(a.question)}</b>: ${esc(a.answer)}</li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticket #${ticket.number} · ${esc(meta.guildName)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#222}.msg{padding:.4rem 0;border-bottom:1px solid #eee}.who{font-weight:600}.id,time{color:#888;font-size:.8em}.text{white-space:pre-wrap}.embed{border-left:4px solid #5865f2;padding:.2rem .6rem;margin:.3rem 0;background:#f6f6f9}.file{color:#555}</style></head>
<body><h1>Ticket #${ticket.number} (${esc(ticket.category)})</h1><p>Opened by ${esc(ticket.openerId)} at ${esc(ticket.createdAt)} · closed by ${esc(meta.closedBy)}: ${esc(meta.reason)}</p>
${answers ? `<ul>${answers}</ul>` : ''}<p>${messages.length} messages</p>${rows.join('\n')}</body></html>`;
}
