/**
 * The file layout of a cluster shard as HDF5 (or .npz, JSON): its counts and the classes at its
 * range's ends per level as datasets, its plan, range and cell as attributes, and the shard file's
 * own JSON text (`shard`), which reading back parses and checks field by field exactly as a
 * .json shard (so a merge is as exact from HDF5 shards as from JSON ones).
 */
import { type Shard, parseShard, serializeShard } from '../lr/shard.js';
import { type ResultDocument, dataset, int, stringAttribute } from './document.js';
import { planAttributes } from './layout-sweep.js';

/** A shard as a result document. */
export async function shardDocument(shard: Shard): Promise<ResultDocument> {
  const s = shard.summary;
  const n = s.levels + 1;
  const ends = (name: 'first' | 'last') => dataset(name, 'int32', [n], Int32Array.from(s[name]), {
    units: '1 = diverged, 0 = bounded, -1 = no point of the level in the range', description: `class of the range's ${name} point of level k`, dimensions: ['k'],
  });
  return {
    attributes: {
      kind: 'shard', package_version: shard.packageVersion, ...planAttributes(shard.plan),
      ...(shard.index === null ? {} : { index: int(shard.index) }), ...(shard.of === null ? {} : { of: int(shard.of) }),
      start: int(s.start), end: int(s.end), total_steps: int(shard.totalSteps), ...(shard.cell ? { cell: JSON.stringify(shard.cell) } : {}),
      shard: await serializeShard(shard),
    },
    groups: {},
    datasets: [
      dataset('counts', 'int64', [n], s.counts, { units: 'boundary segments', description: 'segments of level k with both ends in the range [start, end) and different classes', dimensions: ['k'] }),
      ends('first'), ends('last'),
    ],
    primary: 'counts',
  };
}

/** A shard restored from its document (checked as parseShard checks a .json shard). */
export function shardFromDocument(doc: ResultDocument, source: string): Promise<Shard> {
  return parseShard(stringAttribute(doc.attributes, 'shard'), source);
}
