/** The engines `--engines` can name: the app's own search under some environment (a ranking behind a switch is added here). */
export interface Engine {
  name: string;
  about: string;
  env: Record<string, string>;
}

const ENGINES: Record<string, Omit<Engine, "name">> = {
  baseline: { about: "the engine as it is, no switch set", env: {} },
  "ranked-only": { about: "ranked retrieval (issue 23, item 1) without related words (item 2)", env: { SEARCH_RELATED_WEIGHT: "0" } },
};

/** `baseline`, or `VAR=value+VAR2=value` for switches not named here yet. */
export function engineOf(spec: string): Engine {
  const named = ENGINES[spec];
  if (named) return { name: spec, ...named };
  const pairs = spec.split("+").map((p) => p.split("="));
  if (pairs.every((p) => p.length === 2 && /^[A-Z][A-Z0-9_]*$/.test(p[0] ?? "")))
    return { name: spec, about: `the app with ${spec.replace(/\+/g, ", ")}`, env: Object.fromEntries(pairs) };
  throw new Error(`unknown engine ${spec}: name one of ${Object.keys(ENGINES).join(", ")}, or give VAR=value`);
}
