const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a call on an interaction's webhook, retrying a 404 a few times: deferred work starts as
 * the deferred response leaves the Worker, so its first edit or follow-up can reach Discord
 * before Discord has processed that response, which answers 404 Unknown Webhook.
 */
export async function retryUnknownWebhook<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if ((err as { status?: number }).status !== 404 || attempt >= 3) throw err;
      await sleep(150 * (attempt + 1));
    }
  }
}
