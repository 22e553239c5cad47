/** A dependency-free HTML page listing the document's operations (`GET /api/docs`). */
export function docsPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>API docs</title>
<style>body{font:14px system-ui;margin:2rem;max-width:70rem}code{background:#eee;padding:0 .3em}details{border-bottom:1px solid #ddd;padding:.4rem 0}
.m{display:inline-block;width:4.5rem;font-weight:bold;text-transform:uppercase}pre{background:#f6f6f6;padding:.5rem;overflow:auto}</style></head>
<body><h1>Edge Admin API</h1><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>. Log in at <a href="/auth/login">/auth/login</a> first.</p><div id="ops">Loading…</div>
<script>
fetch('/api/openapi.json').then(r=>r.json()).then(doc=>{const out=document.getElementById('ops');out.textContent='';
for(const [p,ops] of Object.entries(doc.paths))for(const [m,op] of Object.entries(ops)){const d=document.createElement('details');const s=document.createElement('summary');
s.innerHTML='<span class="m"></span><code></code> ';s.children[0].textContent=m;s.children[1].textContent=p;s.append(op.summary+' ['+op['x-requires']+']');
const pre=document.createElement('pre');pre.textContent=JSON.stringify({parameters:op.parameters,requestBody:op.requestBody,responses:op.responses},null,2);d.append(s,pre);out.append(d);}});
</script></body></html>`;
}
