/** The kernel sources assembly/*.ts by file name (dist/formula/assembly-sources.js, written by scripts/gen-assembly-sources.mjs). */
declare const sources: Readonly<Record<string, string>>;
export default sources;
