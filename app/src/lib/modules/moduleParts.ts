import type { Component } from 'svelte';
import type { Channel, ModuleEntry, Role } from '$lib/api/shapes';

/**
 * The optional dashboard parts a module may ship in `app/src/lib/modules/<id>/`, by file name.
 * The dashboard finds them with `import.meta.glob`: adding a module adds no line here.
 */
export const PART_FILES = {
  /** Beside the generated settings form (previews, exports, anything the schema cannot say). */
  settings: 'SettingsPanel',
  /** Above the settings on the module's page: its results, lists or charts. */
  results: 'ResultsView',
  /** A card on a member's page. */
  member: 'MemberCard',
  /** A section of the guild overview page. */
  overview: 'OverviewPanel',
} as const;
export type PartKind = keyof typeof PART_FILES;

/** Props every part receives. */
export interface PartBase {
  guildId: string;
  /** The module as the API lists it (enabled, config, limits); undefined while loading. */
  entry: ModuleEntry | undefined;
}
/** Props of a `SettingsPanel.svelte`. */
export interface SettingsPanelProps extends PartBase {
  /** The config being edited (unsaved edits included). */
  config: Record<string, unknown>;
  /** Replaces the config being edited (marks the form dirty, validates). */
  onchange: (next: Record<string, unknown>) => void;
  channels: Channel[];
  roles: Role[];
  premium: boolean;
}
/** Props of a `ResultsView.svelte` and an `OverviewPanel.svelte`. */
export type ResultsViewProps = PartBase;
/** Props of a `MemberCard.svelte`. */
export interface MemberCardProps extends PartBase {
  userId: string;
}
/** The props each kind of part receives. */
export interface PartProps {
  settings: SettingsPanelProps;
  results: ResultsViewProps;
  member: MemberCardProps;
  overview: ResultsViewProps;
}

type Loader = () => Promise<{ default: Component<never> }>;

/** Builds the lookup over a glob result (keys `./<id>/<File>.svelte`); exported for tests. */
export function partIndex(files: Record<string, Loader>) {
  const byKind = new Map<string, Map<string, Loader>>();
  for (const [path, load] of Object.entries(files)) {
    const m = /^\.\/([^/]+)\/([A-Za-z]+)\.svelte$/.exec(path);
    if (!m) continue;
    const [, moduleId, file] = m as unknown as [string, string, string];
    if (!byKind.has(file)) byKind.set(file, new Map());
    byKind.get(file)!.set(moduleId, load);
  }
  return {
    /** The lazy loader of a module's part, or undefined when the module has none. */
    get<K extends PartKind>(moduleId: string, kind: K): (() => Promise<Component<PartProps[K]>>) | undefined {
      const load = byKind.get(PART_FILES[kind])?.get(moduleId);
      return load && (() => load().then((m) => m.default as unknown as Component<PartProps[K]>));
    },
    /** Ids of the modules that ship this kind of part, sorted. */
    modulesWith(kind: PartKind): string[] {
      return [...(byKind.get(PART_FILES[kind])?.keys() ?? [])].sort();
    },
  };
}

/** Every module's dashboard parts, loaded on demand (each part is its own chunk). */
export const moduleParts = partIndex(
  import.meta.glob<{ default: Component<never> }>(['./*/SettingsPanel.svelte', './*/ResultsView.svelte', './*/MemberCard.svelte', './*/OverviewPanel.svelte']),
);
