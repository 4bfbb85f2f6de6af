// Imports and exports of the root world in the WIT text jco's componentWit prints for a component:
//   world root {
//     import wasi:cli/environment@0.2.0;
//     import log: func(msg: string);
//     export add: func(a: s32, b: s32) -> s32;
//     export acme:demo/greeter@0.1.0;
//     export run: interface { ... }
//   }
// Named like oci-wasm names world keys (wit-parser `Resolve::name_world_key`): an interface by its id with
// version, a function or inline interface by its plain name. `use` lines (types) are not world items.

export function worldItems(wit: string): { imports: string[]; exports: string[] } {
  const imports: string[] = [];
  const exports: string[] = [];
  let depth = 0;
  let inWorld = false;
  for (const raw of wit.split('\n')) {
    const line = raw.trim();
    if (!inWorld && depth === 0 && /^world\s+\S+\s*\{/.test(line)) {
      inWorld = true;
    } else if (inWorld && depth === 1) {
      const m = /^(import|export)\s+(%?[^\s:;]+(?::[^\s/;]+\/[^\s;]+)?)\s*[:;]/.exec(line);
      if (m) (m[1] === 'import' ? imports : exports).push(m[2]!.replace(/^%/, ''));
    }
    depth += count(line, '{') - count(line, '}');
    if (inWorld && depth === 0) inWorld = false;
  }
  return { imports, exports };
}

function count(line: string, ch: string): number {
  return line.split(ch).length - 1;
}

/** World-level type names in that WIT: `use iface.{a, b as c}` (a, c), `type t = …`, `resource r`, and the like. */
export function worldTypes(wit: string): string[] {
  const types: string[] = [];
  const root = /^world\s+\S+\s*\{([\s\S]*)^\}/m.exec(wit)?.[1] ?? '';
  for (const line of root.split('\n').map((l) => l.trim())) {
    const use = /^use\s+\S+\.\{([^}]*)\}/.exec(line);
    if (use)
      types.push(
        ...use[1]!.split(',').map((n) =>
          n
            .trim()
            .split(/\s+as\s+/)
            .pop()!
            .replace(/^%/, ''),
        ),
      );
    const def = /^(?:type|resource|record|variant|enum|flags)\s+%?([\w-]+)/.exec(line);
    if (def) types.push(def[1]!);
  }
  return types;
}
