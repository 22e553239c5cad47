import { describe, expect, it } from 'vitest';
import { renderDiscordMarkdown } from './renderDiscordMarkdown';

describe('renderDiscordMarkdown', () => {
  it('renders the inline styles Discord supports', () => {
    expect(renderDiscordMarkdown('**b** *i* __u__ ~~s~~ ||sp||')).toBe(
      '<strong>b</strong> <em>i</em> <u>u</u> <s>s</s> <span class="md-spoiler" tabindex="0">sp</span>',
    );
  });

  it('escapes HTML so input cannot inject markup', () => {
    const html = renderDiscordMarkdown('<img src=x onerror=alert(1)> <script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img');
  });

  it('leaves formatting inside code untouched', () => {
    expect(renderDiscordMarkdown('`**not bold**`')).toBe('<code class="md-code">**not bold**</code>');
    expect(renderDiscordMarkdown('```js\nconst a = "<b>";\n```')).toBe(
      '<pre class="md-codeblock" data-lang="js"><code>const a = &quot;&lt;b&gt;&quot;;</code></pre>',
    );
  });

  it('resolves user, channel and role mentions with the given names', () => {
    const html = renderDiscordMarkdown('Hi <@123456789> in <#234567890>, <@&345678901>', {
      user: () => 'Alice',
      channel: () => 'general',
      role: () => ({ name: 'Mods', color: 0xff0000 }),
    });
    expect(html).toContain('@Alice');
    expect(html).toContain('#general');
    expect(html).toContain('style="color:#ff0000"');
  });

  it('renders headings, quotes, subtext and lists as blocks', () => {
    const html = renderDiscordMarkdown('# Title\n> quoted\n-# small\n- one\n- two');
    expect(html).toBe(
      '<h1 class="md-h">Title</h1><blockquote class="md-quote">quoted</blockquote><small class="md-subtext">small</small><ul class="md-list"><li>one</li><li>two</li></ul>',
    );
  });

  it('allows only http(s) masked links', () => {
    expect(renderDiscordMarkdown('[site](https://example.com)')).toContain('href="https://example.com"');
    expect(renderDiscordMarkdown('[x](javascript:alert(1))')).not.toContain('href');
  });
});
