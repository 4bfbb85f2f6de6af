// A binary WIT package (what `wkg wit build` and `wasm-tools component wit --wasm` write), decoded from the
// top-level type sections the section reader kept. The encoding is wit-component's (src/encoding/wit.rs;
// read back by src/decoding.rs `decode_wit_v2_package`): a component whose every export is a component
// type under a plain label, each type exporting exactly one item named `ns:pkg/item@version`: an instance
// for an interface, a component (the world's own component type) for a world. The imports inside those
// types are the interfaces each item uses, the package's own or other packages'.
//
// The config lists what oci-wasm's `Component::from_package` lists (rust-oci-wasm src/component.rs): every
// interface id, each world as `ns:pkg/world@version`, and each world's exports by their world keys. oci-wasm
// gathers them in a HashSet, so its order changes from run to run; here they are sorted, so the config's
// digest is the same every time.
import { ActionError } from '../errors.js';
import { nameProblem } from './names.js';
import { Reader, type Extern } from './reader.js';

export interface WitPackageFacts {
  /** `namespace:name`, without the version. */
  name: string;
  version?: string;
  /** Full ids, `ns:pkg/iface@1.0.0`, in the package's order. */
  interfaces: string[];
  worlds: string[];
  /** What the config's `exports` holds: sorted, each once. */
  exports: string[];
  /** Other packages' interfaces the package uses (`wasi:io/streams@0.2.0`), sorted: its dependencies. */
  uses: string[];
}

/** What adds to the top level's type index space, in order: a type section's types, or an export of a type (an alias of it). */
export type TypeSpaceEntry = { section: Buffer } | { exported: number };

/** A component or instance type, as far as a package needs it: its imports, exports and its own type index space. */
interface Shape {
  kind: 'component' | 'instance';
  imports: Item[];
  exports: Item[];
  types: Array<Shape | undefined>;
}
interface Item extends Extern {
  name: string;
}

/** Deeper nesting than any WIT encoding needs: a hostile file gets an error, not a stack overflow. */
const MAX_DEPTH = 32;

/** `typeExports`: the component's exports, each a type (the caller checked). */
export function decodeWitPackage(space: TypeSpaceEntry[], typeExports: Array<{ name: string; index: number }>): WitPackageFacts {
  const types = topLevelTypes(space);
  const interfaces: string[] = [];
  const worlds: string[] = [];
  const exports = new Set<string>();
  const used = new Set<string>();
  let pkg: string | undefined;
  for (const { name: label, index } of typeExports) {
    const wrapper = types[index];
    if (wrapper?.kind !== 'component') throw new ActionError('wasm', `its export "${label}" is not a component type`);
    if (wrapper.exports.length !== 1) throw new ActionError('wasm', `its type "${label}" exports ${wrapper.exports.length} items, not one`);
    const item = wrapper.exports[0]!;
    const id = packageItem(item.name, label);
    if (pkg !== undefined && id.pkg !== pkg) throw new ActionError('wasm', `its items belong to two packages, ${pkg} and ${id.pkg}`);
    pkg = id.pkg;
    exports.add(item.name);
    wrapper.imports.forEach((i) => used.add(i.name));
    if (item.kind === 'instance') {
      interfaces.push(item.name);
    } else if (item.kind === 'component') {
      const world = item.index === undefined ? undefined : wrapper.types[item.index];
      if (world?.kind !== 'component') throw new ActionError('wasm', `the world ${item.name} is not described by a component type`);
      worlds.push(item.name);
      for (const e of world.exports) {
        if (e.kind !== 'instance' && e.kind !== 'func') continue;
        const problem = nameProblem(e.name);
        if (problem) throw new ActionError('wasm', `the world ${item.name} exports ${JSON.stringify(e.name)}: ${problem}`);
        exports.add(e.name);
        used.add(e.name);
      }
      world.imports.forEach((i) => used.add(i.name));
    } else {
      throw new ActionError('wasm', `its type "${label}" exports ${item.name} as a ${item.kind}, neither an interface nor a world`);
    }
  }
  if (pkg === undefined) throw new ActionError('wasm', 'it has no items');
  const [name, version] = pkg.split('@') as [string, string | undefined];
  const own = `${name}/`;
  const uses = [...used].filter((u) => u.includes('/') && !u.startsWith(own) && nameProblem(u) === undefined).sort();
  return { name, ...(version ? { version } : {}), interfaces, worlds, exports: [...exports].sort(), uses };
}

/** `ns:pkg/item@1.0.0` → `ns:pkg@1.0.0`, after checking it is an item of a package at all. */
function packageItem(name: string, label: string): { pkg: string } {
  const problem = nameProblem(name);
  const slash = name.indexOf('/');
  if (problem || slash < 0 || name.indexOf('/', slash + 1) >= 0) {
    throw new ActionError('wasm', `its type "${label}" exports ${JSON.stringify(name)}, which names no item of a package (namespace:package/name@version)`);
  }
  const at = name.indexOf('@');
  return { pkg: name.slice(0, slash) + (at >= 0 ? name.slice(at) : '') };
}

function topLevelTypes(space: TypeSpaceEntry[]): Array<Shape | undefined> {
  const types: Array<Shape | undefined> = [];
  for (const entry of space) {
    if ('exported' in entry) {
      if (entry.exported >= types.length) throw new ActionError('wasm', `an export names type ${entry.exported}, which is not defined yet`);
      types.push(types[entry.exported]);
      continue;
    }
    const r = new Reader(entry.section);
    for (let count = r.u32(); count > 0; count--) types.push(readType(r, 0));
    if (!r.done()) throw new ActionError('wasm', `a type section has ${r.left()} bytes left over`);
  }
  return types;
}

/** One `type`: a component or instance type is kept (its declarations); any other is read past. */
function readType(r: Reader, depth: number): Shape | undefined {
  if (depth > MAX_DEPTH) throw new ActionError('wasm', `its types nest deeper than ${MAX_DEPTH} levels`);
  const tag = r.u8();
  if (tag === 0x41 || tag === 0x42) return readDeclarations(r, tag === 0x41 ? 'component' : 'instance', depth);
  if (tag === 0x40 || tag === 0x43) {
    // functype (0x43: async): params, then a result (0x00 valtype) or none (0x01 0x00, formerly a named list)
    vec(r, () => (r.string(), valType(r)));
    const results = r.u8();
    if (results === 0x00) valType(r);
    else if (results === 0x01) vec(r, () => (r.string(), valType(r)));
    else throw new ActionError('wasm', `a function type has an unknown result encoding 0x${results.toString(16)}`);
    return undefined;
  }
  if (tag === 0x3f) {
    r.u8(); // the representation, i32
    optional(r, () => r.u32());
    return undefined;
  }
  definedValType(r, tag);
  return undefined;
}

function readDeclarations(r: Reader, kind: 'component' | 'instance', depth: number): Shape {
  const shape: Shape = { kind, imports: [], exports: [], types: [] };
  vec(r, () => {
    const tag = r.u8();
    if (tag === 0x03 && kind === 'component') {
      const item = { name: r.externName(), ...r.externDesc() };
      shape.imports.push(item);
      if (item.kind === 'type') shape.types.push(item.index === undefined ? undefined : shape.types[item.index]);
    } else if (tag === 0x04) {
      const item = { name: r.externName(), ...r.externDesc() };
      shape.exports.push(item);
      if (item.kind === 'type') shape.types.push(item.index === undefined ? undefined : shape.types[item.index]);
    } else if (tag === 0x01) {
      shape.types.push(readType(r, depth + 1));
    } else if (tag === 0x02) {
      if (alias(r) === 'type') shape.types.push(undefined);
    } else if (tag === 0x00) {
      throw new ActionError('wasm', 'it declares a core type, which no WIT encoding does');
    } else {
      throw new ActionError('wasm', `a ${kind} type holds an unknown declaration 0x${tag.toString(16)}`);
    }
  });
  return shape;
}

/** An alias declaration; its sort, which says whether it adds a type. */
function alias(r: Reader): string {
  const sort = r.u8();
  if (sort === 0x00) r.u8(); // a core sort
  const target = r.u8(); // 0x00 an instance's export, 0x01 a core instance's export (index, name); 0x02 outer (count, index)
  if (target > 0x02) throw new ActionError('wasm', `an alias has an unknown target 0x${target.toString(16)}`);
  r.u32();
  if (target === 0x02) r.u32();
  else r.string();
  return sort === 0x03 ? 'type' : 'other';
}

/** Primitive value types are one negative byte (0x64 and 0x73–0x7f); other value types are type indices. */
const isPrimitive = (b: number) => b === 0x64 || (b >= 0x73 && b <= 0x7f);

function valType(r: Reader): void {
  if (isPrimitive(r.peek())) r.u8();
  else r.u32(); // a non-negative s33 reads as a u32
}

function definedValType(r: Reader, tag: number): void {
  if (isPrimitive(tag)) return;
  switch (tag) {
    case 0x72: // record
      return vec(r, () => (r.string(), valType(r)));
    case 0x71: // variant: each case's label, optional type, and optional refinement
      return vec(r, () => (r.string(), optional(r, () => valType(r)), optional(r, () => r.u32())));
    case 0x70: // list
    case 0x6b: // option
      return valType(r);
    case 0x63: // map
      return (valType(r), valType(r));
    case 0x67: // fixed-size list
      return (valType(r), void r.u32());
    case 0x6f: // tuple
      return vec(r, () => valType(r));
    case 0x6e: // flags
    case 0x6d: // enum
      return vec(r, () => r.string());
    case 0x6a: // result
      return (optional(r, () => valType(r)), optional(r, () => valType(r)));
    case 0x69: // own
    case 0x68: // borrow
      return void r.u32();
    case 0x66: // stream
    case 0x65: // future
      return optional(r, () => valType(r));
    default:
      throw new ActionError('wasm', `it holds a type of unknown kind 0x${tag.toString(16)}`);
  }
}

function vec(r: Reader, each: () => unknown): void {
  for (let count = r.u32(); count > 0; count--) each();
}

function optional(r: Reader, read: () => unknown): void {
  const present = r.u8();
  if (present === 0x01) read();
  else if (present !== 0x00) throw new ActionError('wasm', `an optional field has an invalid marker 0x${present.toString(16)}`);
}
