// Minimal --flag value parsing for the CLIs; unknown flags are an error, not ignored.

export type ParsedArgs = Record<string, string | boolean>;

/** Parse `--name value` and boolean `--flag` arguments; `booleans` lists the value-less flags. */
export function parseArgs(argv: string[], known: string[], booleans: string[] = []): ParsedArgs {
  const out: ParsedArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument "${a}"`);
    const name = a.slice(2);
    if (!known.includes(name) && !booleans.includes(name)) throw new Error(`unknown option --${name}`);
    if (booleans.includes(name)) out[name] = true;
    else {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`--${name} needs a value`);
      out[name] = v;
    }
  }
  return out;
}
