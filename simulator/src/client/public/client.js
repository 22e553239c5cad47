// The simulator's demo Discord client: one guild's text channels, live, as a chosen member.
// Everything goes through /client/api (the simulator's state and its interactions driver).
const API = '/client/api';
const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, ...kids) => {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) n.addEventListener(k.slice(2), v);
    else if (k === 'html') n.innerHTML = v;
    else n.setAttribute(k, v === true ? '' : v);
  }
  for (const kid of kids.flat()) if (kid !== null && kid !== undefined && kid !== false) n.append(kid);
  return n;
};
const OPT = { SUB: 1, GROUP: 2, STRING: 3, INTEGER: 4, BOOLEAN: 5, USER: 6, CHANNEL: 7, ROLE: 8, MENTIONABLE: 9, NUMBER: 10 };
const EPHEMERAL = 64, LOADING = 128;

const ui = { guild: null, userId: localStorage.getItem('sim.user'), channelId: localStorage.getItem('sim.channel'), messages: [], events: null, pending: null };
const members = () => new Map((ui.guild?.members ?? []).map((m) => [m.id, m]));
const roles = () => new Map((ui.guild?.roles ?? []).map((r) => [r.id, r]));
const channels = () => new Map((ui.guild?.channels ?? []).map((c) => [c.id, c]));
const hex = (n) => (n ? `#${n.toString(16).padStart(6, '0')}` : null);

async function api(path, body) {
  const res = await fetch(API + path, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {});
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.message || `HTTP ${res.status}`);
  return json;
}

function notice(text, ok = false) {
  const n = $('notice');
  n.textContent = text;
  n.className = ok ? 'notice ok' : 'notice';
  n.hidden = !text;
}

// ---- Markdown (the subset Discord renders), on escaped text ----
const esc = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
function timestamp(unix, style) {
  const d = new Date(Number(unix) * 1000);
  if (style === 'R') {
    const s = Math.round((d.getTime() - Date.now()) / 1000);
    const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
    const [v, u] = Math.abs(s) < 60 ? [s, 'second'] : Math.abs(s) < 3600 ? [Math.round(s / 60), 'minute'] : Math.abs(s) < 86400 ? [Math.round(s / 3600), 'hour'] : [Math.round(s / 86400), 'day'];
    return rtf.format(v, u);
  }
  return d.toLocaleString('en-GB', style === 'd' ? { dateStyle: 'short' } : style === 't' ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' });
}
function inline(s) {
  const m = members(), r = roles(), c = channels();
  return s
    .replace(/`([^`\n]+)`/g, (_, x) => `<code>${x}</code>`)
    .replace(/&lt;@!?(\d+)&gt;/g, (_, id) => `<span class="mention" title="${id}">@${esc(m.get(id)?.name ?? 'unknown-user')}</span>`)
    .replace(/&lt;@&amp;(\d+)&gt;/g, (_, id) => `<span class="mention" title="${id}">@${esc(r.get(id)?.name ?? 'deleted-role')}</span>`)
    .replace(/&lt;#(\d+)&gt;/g, (_, id) => `<span class="mention" title="${id}">#${esc(c.get(id)?.name ?? 'unknown')}</span>`)
    .replace(/&lt;\/([\w -]+):\d+&gt;/g, (_, n) => `<span class="mention">/${n}</span>`)
    .replace(/&lt;t:(-?\d+)(?::([tTdDfFR]))?&gt;/g, (_, t, st) => `<code title="${new Date(t * 1000).toISOString()}">${timestamp(t, st)}</code>`)
    .replace(/&lt;a?:(\w+):\d+&gt;/g, ':$1:')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2" target="_blank" rel="noreferrer">$1</a>')
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/__(.+?)__/g, '<u>$1</u>')
    .replace(/\*(.+?)\*|(?<![\w])_(.+?)_(?![\w])/g, (_, a, b) => `<em>${a ?? b}</em>`)
    .replace(/~~(.+?)~~/g, '<s>$1</s>')
    .replace(/\|\|(.+?)\|\|/g, '<span class="mention">$1</span>');
}
function markdown(text) {
  const parts = esc(text ?? '').split(/```(?:\w+\n)?([\s\S]*?)```/);
  return parts
    .map((p, i) => (i % 2 ? `<pre><code>${p}</code></pre>` : p.split('\n').map((line) => {
      if (line.startsWith('-# ')) return `<span class="sub">${inline(line.slice(3))}</span>`;
      const h = /^(#{1,3}) (.*)$/.exec(line);
      if (h) return `<h3>${inline(h[2])}</h3>`;
      if (line.startsWith('&gt; ')) return `<blockquote>${inline(line.slice(5))}</blockquote>`;
      return inline(line);
    }).join('\n')))
    .join('');
}

// ---- Messages ----
function authorOf(msg) {
  const m = members().get(msg.author.id);
  return { name: m?.name ?? msg.author.global_name ?? msg.author.username, color: hex(m?.color), bot: !!msg.author.bot };
}
function renderEmbed(e) {
  const fields = (e.fields ?? []).map((f) => el('div', { class: f.inline ? 'field inline' : 'field' }, el('b', { html: inline(esc(f.name)) }), el('div', { class: 'content', html: markdown(f.value) })));
  return el('div', { class: 'embed', style: e.color ? `border-left-color:${hex(e.color)}` : null, 'data-testid': 'embed' },
    e.author?.name && el('div', { class: 'footer' }, e.author.name),
    e.title && (e.url ? el('a', { class: 'title', href: e.url, target: '_blank', rel: 'noreferrer' }, e.title) : el('div', { class: 'title', html: inline(esc(e.title)) })),
    e.description && el('div', { class: 'content', html: markdown(e.description) }),
    fields.length > 0 && el('div', { class: 'fields' }, fields),
    e.image?.url && el('img', { src: e.image.url, alt: '' }),
    (e.footer?.text || e.timestamp) && el('div', { class: 'footer' }, [e.footer?.text, e.timestamp && new Date(e.timestamp).toLocaleString('en-GB')].filter(Boolean).join(' • ')));
}
function renderComponent(c, msg) {
  switch (c.type) {
    case 1: return el('div', { class: 'row' }, (c.components ?? []).map((x) => renderComponent(x, msg)));
    case 2: {
      const label = [c.emoji?.name, c.label].filter(Boolean).join(' ');
      if (c.style === 5) return el('a', { class: 'btn', href: c.url, target: '_blank', rel: 'noreferrer' }, `${label} ↗`);
      return el('button', { class: `btn s${c.style}`, disabled: !!c.disabled, onclick: () => runComponent({ type: 'button', customId: c.custom_id, messageId: msg.id }) }, label || '…');
    }
    case 3: case 5: case 6: case 7: case 8: {
      const opts = c.type === 3 ? c.options.map((o) => ({ value: o.value, label: o.label, selected: o.default }))
        : c.type === 5 ? ui.guild.members.filter((m) => !m.bot).map((m) => ({ value: m.id, label: m.name }))
          : c.type === 6 ? ui.guild.roles.map((r) => ({ value: r.id, label: r.name }))
            : c.type === 8 ? ui.guild.channels.filter((ch) => ch.type !== 4).map((ch) => ({ value: ch.id, label: `#${ch.name}` }))
              : ui.guild.members.map((m) => ({ value: m.id, label: m.name }));
      const multi = (c.max_values ?? 1) > 1;
      const sel = el('select', { 'aria-label': c.placeholder ?? 'Choose', multiple: multi, disabled: !!c.disabled },
        !multi && el('option', { value: '' }, c.placeholder ?? 'Make a selection'),
        opts.map((o) => el('option', { value: o.value, selected: !!o.selected }, o.label)));
      const send = () => {
        const values = [...sel.selectedOptions].map((o) => o.value).filter(Boolean);
        if (values.length) runComponent({ type: 'select', customId: c.custom_id, messageId: msg.id, values, componentType: c.type });
      };
      if (multi) return el('div', { class: 'row' }, sel, el('button', { type: 'button', class: 'btn s1', onclick: send }, 'Apply'));
      sel.addEventListener('change', send);
      return sel;
    }
    case 9: return el('div', {}, (c.components ?? []).map((x) => renderComponent(x, msg)), c.accessory && renderComponent(c.accessory, msg));
    case 10: return el('div', { class: 'content', html: markdown(c.content) });
    case 14: return el('hr');
    case 17: return el('div', { class: 'embed', style: c.accent_color ? `border-left-color:${hex(c.accent_color)}` : null }, (c.components ?? []).map((x) => renderComponent(x, msg)));
    default: return null;
  }
}
function renderMessage(msg) {
  const a = authorOf(msg);
  const eph = !!msg.ephemeral || ((msg.flags ?? 0) & EPHEMERAL) !== 0;
  const loading = ((msg.flags ?? 0) & LOADING) !== 0;
  const used = msg.interaction_metadata;
  const usedName = used && members().get(used.user.id)?.name;
  const when = new Date(msg.timestamp);
  return el('article', { class: eph ? 'msg ephemeral' : 'msg', 'data-testid': 'message', 'data-message-id': msg.id, 'data-ephemeral': eph ? 'true' : null },
    used && el('div', { class: 'used' }, '↳ ', el('span', { class: 'who' }, usedName ?? used.user.username), used.type === 2 ? ' used a command' : ' used a component'),
    el('div', { class: 'avatar', style: `background:${a.color ?? (a.bot ? '#5865f2' : '#4e5058')}`, 'aria-hidden': 'true' }, a.name.slice(0, 1).toUpperCase()),
    el('div', { class: 'head' },
      el('span', { class: 'author', style: a.color ? `color:${a.color}` : null }, a.name),
      a.bot && el('span', { class: 'tag' }, 'APP'),
      el('time', { class: 'time', datetime: msg.timestamp, title: when.toLocaleString('en-GB', { dateStyle: 'full', timeStyle: 'medium' }) }, when.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })),
      msg.edited_timestamp && !used && el('span', { class: 'edited', title: new Date(msg.edited_timestamp).toLocaleString('en-GB') }, '(edited)')),
    el('div', {},
      loading ? el('div', { class: 'thinking', 'data-testid': 'thinking' }, `${a.name} is thinking…`) : msg.content && el('div', { class: 'content', html: markdown(msg.content) }),
      (msg.embeds ?? []).map(renderEmbed),
      (msg.attachments?.length ?? 0) > 0 && el('div', { class: 'attachments' }, msg.attachments.map((f) => el('a', { class: 'attachment', href: f.url, target: '_blank', rel: 'noopener', 'data-testid': 'attachment' }, `📎 ${f.filename}`))),
      (msg.components?.length ?? 0) > 0 && el('div', { class: 'components' }, msg.components.map((c) => renderComponent(c, msg))),
      (msg.reactions?.length ?? 0) > 0 && el('div', { class: 'reactions' }, msg.reactions.map((r) => el('span', {}, `${r.emoji.id ? `:${r.emoji.name}:` : r.emoji.name} ${r.count}`))),
      eph && el('div', { class: 'eph-note' }, '👁 Only you can see this · ', el('button', { type: 'button', onclick: () => dismiss(msg.id) }, 'Dismiss message'))));
}
const dismissed = new Set();
function dismiss(id) {
  dismissed.add(id);
  drawMessages();
}
function drawMessages() {
  const box = $('messages');
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  box.replaceChildren(...ui.messages.filter((m) => !dismissed.has(m.id)).map(renderMessage));
  if (!ui.messages.length) box.append(el('p', { class: 'time', style: 'padding:0 16px' }, 'No messages yet. Say hello, or type / to run a command.'));
  if (atBottom || ui.scrollDown) box.scrollTop = box.scrollHeight;
  ui.scrollDown = false;
}
let loadSeq = 0;
async function loadMessages() {
  if (!ui.channelId) return;
  const seq = ++loadSeq;
  const list = await api(`/channels/${ui.channelId}/messages?user=${ui.userId}`);
  if (seq !== loadSeq) return;
  ui.messages = list;
  drawMessages();
}

// ---- Guild, channels, member ----
function drawChannels() {
  const all = ui.guild.channels;
  const nav = $('channels');
  const byParent = (pid) => all.filter((c) => c.type !== 4 && (c.parentId ?? null) === pid).sort((a, b) => a.position - b.position);
  const button = (c) => el('button', { class: 'ch', type: 'button', 'aria-current': c.id === ui.channelId ? 'true' : 'false', 'data-channel': c.name, title: c.id, onclick: () => openChannel(c.id) }, `# ${c.name}`);
  const cats = all.filter((c) => c.type === 4).sort((a, b) => a.position - b.position);
  nav.replaceChildren(...byParent(null).map(button), ...cats.flatMap((cat) => {
    const kids = byParent(cat.id);
    return kids.length ? [el('div', { class: 'cat' }, cat.name), ...kids.map(button)] : [];
  }));
}
function drawMembers() {
  const sel = $('member');
  const humans = ui.guild.members.filter((m) => !m.bot).sort((a, b) => (a.id === ui.guild.ownerId ? -1 : b.id === ui.guild.ownerId ? 1 : a.name.localeCompare(b.name)));
  sel.replaceChildren(...humans.map((m) => el('option', { value: m.id, selected: m.id === ui.userId }, `${m.name}${m.name !== m.username ? ` (${m.username})` : ''}${m.id === ui.guild.ownerId ? ' · owner' : ''}`)));
}
async function loadGuild() {
  const guilds = await api('/guilds');
  if (!guilds.length) return notice('The simulator has no guild.');
  ui.guild = await api(`/guilds/${guilds[0].id}`);
  document.title = `${ui.guild.name} · demo Discord`;
  $('guild-name').textContent = ui.guild.name;
  const ids = new Set(ui.guild.members.map((m) => m.id));
  if (!ids.has(ui.userId)) ui.userId = ui.guild.ownerId;
  const texts = ui.guild.channels.filter((c) => c.type !== 4);
  if (!texts.some((c) => c.id === ui.channelId)) ui.channelId = (texts.find((c) => c.name === 'bot-commands') ?? texts[0])?.id ?? null;
  drawMembers();
  drawChannels();
  drawHeader();
  if (!ui.guild.endpoint) notice('No interactions endpoint is set: slash commands will fail. Start the whole stack with npm run dev.');
}
function drawHeader() {
  const c = channels().get(ui.channelId);
  $('channel-title').textContent = c ? `# ${c.name}` : '#';
  $('composer-input').placeholder = c ? `Message #${c.name}, or / for commands` : '';
}
function openChannel(id) {
  ui.channelId = id;
  localStorage.setItem('sim.channel', id);
  document.querySelector('.sidebar').classList.remove('open');
  drawChannels();
  drawHeader();
  ui.scrollDown = true;
  loadMessages().catch((e) => notice(e.message));
}
function connect() {
  ui.events?.close();
  const live = $('live');
  const es = new EventSource(`${API}/events?guild=${ui.guild.id}&user=${ui.userId}`);
  ui.events = es;
  let timer = null;
  es.addEventListener('ready', () => { live.textContent = '● live'; live.className = 'live on'; });
  es.addEventListener('messages', (e) => {
    if (JSON.parse(e.data).channelId !== ui.channelId) return;
    clearTimeout(timer);
    timer = setTimeout(() => loadMessages().catch(() => {}), 60);
  });
  es.addEventListener('guild', () => { clearTimeout(ui.guildTimer); ui.guildTimer = setTimeout(() => loadGuild().catch(() => {}), 1_500); });
  es.onerror = () => { live.textContent = '○ reconnecting'; live.className = 'live'; };
}

// ---- Interactions ----
async function interact(body) {
  notice('');
  const r = await api('/interactions', { ...body, userId: ui.userId, channelId: ui.channelId });
  if (r.failed) {
    const why = { no_endpoint: 'no interactions endpoint is set', timeout: 'the app did not answer within 3 seconds', bad_status: `the app answered HTTP ${r.detail ? r.detail.slice(0, 80) : ''}`, invalid_response: `the answer was invalid: ${r.detail ?? ''}`, network: 'the app could not be reached' }[r.reason] ?? r.reason;
    notice(`This interaction failed (${why}).`);
  }
  if (r.modal) openModal(r.modal, body.messageId);
  await loadMessages();
  return r;
}
function runComponent(body) {
  interact(body).catch((e) => notice(e.message));
}

// Modals: text inputs in action rows, or in Label components (type 18).
function openModal(modal, messageId) {
  $('modal-title').textContent = modal.title;
  const inputs = [];
  const field = (t, label, description) => {
    const attrs = { name: t.custom_id, id: `m-${t.custom_id}`, required: t.required !== false, minlength: t.min_length, maxlength: t.max_length, placeholder: t.placeholder };
    const input = t.style === 2 ? el('textarea', { ...attrs, rows: 4 }, t.value ?? '') : el('input', { ...attrs, value: t.value ?? '' });
    inputs.push(input);
    return el('label', { for: attrs.id }, el('span', {}, label ?? t.label ?? t.custom_id, t.required !== false && el('span', { class: 'req' }, ' *')), description && el('small', {}, description), input);
  };
  const fields = (modal.components ?? []).flatMap((c) => c.type === 18 && c.component?.type === 4 ? [field(c.component, c.label, c.description)] : c.type === 1 ? c.components.filter((x) => x.type === 4).map((x) => field(x)) : []);
  $('modal-fields').replaceChildren(...fields);
  const dialog = $('modal');
  dialog.onclose = () => {
    if (dialog.returnValue !== 'submit') return;
    const values = Object.fromEntries(inputs.map((i) => [i.name, i.value]));
    runComponent({ type: 'modal', customId: modal.custom_id, fields: values, ...(messageId ? { messageId } : {}) });
  };
  dialog.returnValue = '';
  dialog.showModal();
}

// ---- Slash commands: "/" opens the picker, a command opens its options form ----
const commandList = () => ui.guild?.commands.filter((c) => (c.type ?? 1) === 1) ?? [];
let pickIndex = 0;
function drawPicker() {
  const text = $('composer-input').value;
  const picker = $('picker');
  if (!text.startsWith('/') || ui.pending) return (picker.hidden = true);
  const q = text.slice(1).split(' ')[0].toLowerCase();
  const found = commandList().filter((c) => c.name.startsWith(q));
  pickIndex = Math.min(pickIndex, Math.max(found.length - 1, 0));
  picker.replaceChildren(...(found.length ? found.map((c, i) => el('li', { role: 'option', 'aria-selected': i === pickIndex ? 'true' : 'false', 'data-command': c.name, onmousedown: (e) => { e.preventDefault(); pickCommand(c); } }, `/${c.name}`, el('small', {}, c.description))) : [el('li', {}, 'No command matches')]));
  picker.hidden = false;
  return found;
}
function leafOptions(cmd, path) {
  let opts = cmd.options ?? [];
  for (const name of path) opts = opts.find((o) => o.name === name)?.options ?? [];
  return opts;
}
/** Subcommand paths of a command: [] when it has none, else ['group', 'sub'] or ['sub']. */
function subPaths(cmd) {
  const out = [];
  for (const o of cmd.options ?? []) {
    if (o.type === OPT.SUB) out.push([o.name]);
    if (o.type === OPT.GROUP) for (const s of o.options ?? []) out.push([o.name, s.name]);
  }
  return out;
}
function pickCommand(cmd) {
  const paths = subPaths(cmd);
  ui.pending = { cmd, path: paths[0] ?? [] };
  $('composer-input').value = '';
  $('picker').hidden = true;
  drawCommand();
}
function optionInput(o, id) {
  const base = { id, name: o.name, required: !!o.required, 'data-option': o.name };
  if (o.choices?.length) return el('select', base, !o.required && el('option', { value: '' }, '—'), o.choices.map((c) => el('option', { value: c.value }, c.name)));
  switch (o.type) {
    case OPT.BOOLEAN: return el('select', base, el('option', { value: '' }, '—'), el('option', { value: 'true' }, 'True'), el('option', { value: 'false' }, 'False'));
    case OPT.USER: case OPT.MENTIONABLE: return el('select', base, el('option', { value: '' }, '—'), ui.guild.members.map((m) => el('option', { value: m.id }, m.name)));
    case OPT.ROLE: return el('select', base, el('option', { value: '' }, '—'), ui.guild.roles.map((r) => el('option', { value: r.id }, r.name)));
    case OPT.CHANNEL: return el('select', base, el('option', { value: '' }, '—'), ui.guild.channels.filter((c) => c.type !== 4).map((c) => el('option', { value: c.id }, `#${c.name}`)));
    case OPT.INTEGER: case OPT.NUMBER: return el('input', { ...base, type: 'number', step: o.type === OPT.INTEGER ? 1 : 'any', min: o.min_value, max: o.max_value, list: o.autocomplete ? `${id}-list` : null });
    default: return el('input', { ...base, minlength: o.min_length, maxlength: o.max_length, list: o.autocomplete ? `${id}-list` : null });
  }
}
function readOptions(form, opts) {
  const values = {};
  for (const o of opts) {
    const v = form.querySelector(`[data-option="${o.name}"]`)?.value ?? '';
    if (v === '') continue;
    const choice = o.choices?.find((c) => String(c.value) === v);
    values[o.name] = choice ? choice.value : o.type === OPT.BOOLEAN ? v === 'true' : o.type === OPT.INTEGER || o.type === OPT.NUMBER ? Number(v) : v;
  }
  return values;
}
function drawCommand() {
  const box = $('command');
  const p = ui.pending;
  if (!p) return (box.hidden = true, box.replaceChildren());
  const paths = subPaths(p.cmd);
  const opts = leafOptions(p.cmd, p.path);
  const sub = paths.length > 0 && el('label', {}, 'Subcommand', el('select', { id: 'sub', 'data-testid': 'subcommand', onchange: (e) => { p.path = e.target.value.split(' '); drawCommand(); } },
    paths.map((path) => el('option', { value: path.join(' '), selected: path.join(' ') === p.path.join(' ') }, path.join(' ')))));
  const fields = opts.filter((o) => o.type !== OPT.SUB && o.type !== OPT.GROUP).map((o) => {
    const id = `o-${o.name}`;
    const input = optionInput(o, id);
    if (o.autocomplete) input.addEventListener('input', () => autocomplete(o, input));
    return el('label', { for: id, title: o.description }, el('span', {}, o.name, o.required && el('span', { class: 'req' }, ' *')), input, o.autocomplete && el('datalist', { id: `${id}-list` }));
  });
  const leafDef = p.path.length ? leafOptions(p.cmd, p.path.slice(0, -1)).find((o) => o.name === p.path.at(-1)) : p.cmd;
  box.replaceChildren(
    el('div', { class: 'title' }, el('span', {}, `/${[p.cmd.name, ...p.path].join(' ')}`, el('small', { class: 'time' }, ` — ${leafDef?.description ?? ''}`)), el('button', { type: 'button', 'aria-label': 'Cancel the command', onclick: cancelCommand }, '✕')),
    el('div', { class: 'opts' }, sub, fields));
  box.hidden = false;
  (box.querySelector('[data-option]') ?? $('composer-input')).focus();
}
function cancelCommand() {
  ui.pending = null;
  drawCommand();
  $('composer-input').focus();
}
let acTimer = null;
function autocomplete(o, input) {
  clearTimeout(acTimer);
  acTimer = setTimeout(async () => {
    const p = ui.pending;
    if (!p) return;
    const options = { ...readOptions($('command'), leafOptions(p.cmd, p.path)), [o.name]: input.value };
    const r = await api('/interactions', { type: 'autocomplete', name: p.cmd.name, options, focused: o.name, ...subArgs(p.path), userId: ui.userId, channelId: ui.channelId }).catch(() => null);
    const list = $(`${input.id}-list`);
    list?.replaceChildren(...(r?.choices ?? []).map((c) => el('option', { value: String(c.value) }, c.name)));
  }, 200);
}
const subArgs = (path) => (path.length === 2 ? { subcommandGroup: path[0], subcommand: path[1] } : path.length === 1 ? { subcommand: path[0] } : {});
async function submitCommand() {
  const p = ui.pending;
  const box = $('command');
  const missing = [...box.querySelectorAll('[required]')].find((i) => !i.value);
  if (missing) return (missing.focus(), notice(`"${missing.name}" is required.`));
  const options = readOptions(box, leafOptions(p.cmd, p.path));
  ui.pending = null;
  drawCommand();
  ui.scrollDown = true;
  await interact({ type: 'command', name: p.cmd.name, options, ...subArgs(p.path) });
}

// ---- Wiring ----
$('composer').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = $('composer-input');
  try {
    if (ui.pending) return await submitCommand();
    const text = input.value.trim();
    if (!text) return;
    if (text.startsWith('/')) {
      const found = drawPicker();
      if (found?.length) pickCommand(found[pickIndex]);
      return;
    }
    await api(`/channels/${ui.channelId}/messages`, { userId: ui.userId, content: text });
    input.value = '';
    ui.scrollDown = true;
    await loadMessages();
  } catch (err) {
    notice(err.message);
  }
});
$('composer-input').addEventListener('input', () => { pickIndex = 0; drawPicker(); });
$('composer-input').addEventListener('keydown', (e) => {
  const picker = $('picker');
  if (e.key === 'Escape') {
    if (ui.pending) cancelCommand();
    picker.hidden = true;
    return;
  }
  if (picker.hidden) return;
  const found = drawPicker();
  if (!found?.length) return;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    pickIndex = (pickIndex + (e.key === 'ArrowDown' ? 1 : found.length - 1)) % found.length;
    drawPicker();
  } else if (e.key === 'Tab') {
    e.preventDefault();
    pickCommand(found[pickIndex]);
  }
});
$('command').addEventListener('keydown', (e) => {
  if (e.key === 'Escape') cancelCommand();
  if (e.key === 'Enter' && e.target.tagName !== 'SELECT') { e.preventDefault(); $('composer').requestSubmit(); }
});
$('member').addEventListener('change', (e) => {
  ui.userId = e.target.value;
  localStorage.setItem('sim.user', ui.userId);
  connect();
  loadMessages().catch((err) => notice(err.message));
});
$('menu').addEventListener('click', () => {
  const s = document.querySelector('.sidebar');
  $('menu').setAttribute('aria-expanded', String(s.classList.toggle('open')));
});

loadGuild()
  .then(() => { connect(); return loadMessages(); })
  .catch((e) => notice(`Could not load the demo guild: ${e.message}`));
