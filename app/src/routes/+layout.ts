// The dashboard is a static SPA: every page renders in the browser and talks to /api.
export const ssr = false;
export const prerender = false;
export const trailingSlash = 'ignore';
