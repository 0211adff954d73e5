// entities.js owns the last step of the trip out of wasm: the core sends each call's entities
// packed, as one Float64Array and one string (src/render/packed.rs says why and documents the
// layout), and this builds the entity objects from them. An entity's text is not sent: it is
// the caller's own string sliced at the entity's UTF-16 offsets.
//
//   const [numbers, strings] = core.annotateBatchPacked(texts);
//   const perText = unpackEntities(texts, numbers, strings, core.constructor.entityTypes());

/** Numbers per entity: start, end, type, score, group, then the lengths of id, canonical, value. */
export const FIELDS = 8;

/**
 * @param {string[]} texts the texts the core was given, in the same order
 * @param {Float64Array} numbers per text: the entity count, then FIELDS numbers per entity
 * @param {string} strings ids, canonical names and values back to back
 * @param {string[]} types the core's entity types, indexed by the packed type numbers
 * @returns {object[][]} per text, `{start, end, type, text, score, id?, canonical?, group?, value?}`
 *   objects (the same keys, in the same order, as the core's entities serialized to JSON)
 */
export function unpackEntities(texts, numbers, strings, types) {
  const out = [];
  let at = 0;
  let s = 0;
  const take = (len) => {
    const v = strings.slice(s, s + len);
    s += len;
    return v;
  };
  for (const text of texts) {
    const count = numbers[at++];
    const entities = new Array(count);
    for (let k = 0; k < count; k++, at += FIELDS) {
      const start = numbers[at];
      const end = numbers[at + 1];
      const e = { start, end, type: types[numbers[at + 2]], text: text.slice(start, end), score: numbers[at + 3] };
      if (numbers[at + 5] >= 0) e.id = take(numbers[at + 5]);
      if (numbers[at + 6] >= 0) e.canonical = take(numbers[at + 6]);
      if (numbers[at + 4] >= 0) e.group = numbers[at + 4];
      if (numbers[at + 7] >= 0) e.value = take(numbers[at + 7]);
      entities[k] = e;
    }
    out.push(entities);
  }
  if (at !== numbers.length || s !== strings.length) {
    throw new Error(`noor: packed entities do not fit ${texts.length} texts (${at} of ${numbers.length} numbers, ${s} of ${strings.length} characters read)`);
  }
  return out;
}

/**
 * The core's entity lists for `texts`, unpacked: the one place a core call's output becomes
 * entity objects (www/noor.js and the benchmarks both call this).
 * @param {object} core a wasm `Noor` instance
 * @param {string[]} texts
 * @returns {object[][]}
 */
export function annotateTexts(core, texts) {
  const [numbers, strings] = core.annotateBatchPacked(texts);
  return unpackEntities(texts, numbers, strings, typesOf(core));
}

/**
 * The entities of one text.
 * @param {object} core a wasm `Noor` instance
 * @param {string} text
 * @returns {object[]}
 */
export function annotateText(core, text) {
  const [numbers, strings] = core.annotatePacked(text);
  return unpackEntities([text], numbers, strings, typesOf(core))[0];
}

const types = new WeakMap();

/** The core class's entity types, asked once per glue module. */
function typesOf(core) {
  const cls = core.constructor;
  let t = types.get(cls);
  if (!t) {
    t = cls.entityTypes();
    types.set(cls, t);
  }
  return t;
}
