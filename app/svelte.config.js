import adapter from '@sveltejs/adapter-static';

/** Static SPA build served by the Worker's assets binding (wrangler.toml [assets]). */
export default {
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: false }),
    output: { bundleStrategy: 'single' },
  },
};
