/** Path of the shard bundle, `gateway-shard/dist/shard.mjs`. */
export declare const SHARD_BUNDLE: string;
/** Bundles the shard with esbuild; resolves with the bundle's path. */
export declare function buildShard(): Promise<string>;
