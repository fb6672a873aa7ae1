/**
 * Saving the view: the canvas as PNG, the data behind it as JSON.
 */

function download(blob: Blob, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** Downloads the canvas as a PNG file. */
export function savePng(canvas: HTMLCanvasElement, name: string): void {
  canvas.toBlob((blob) => blob && download(blob, `${name}.png`), 'image/png');
}

/** Downloads `data` as pretty-printed JSON (typed arrays as plain arrays). */
export function saveJson(data: unknown, name: string): void {
  const text = JSON.stringify(data, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v), 1);
  download(new Blob([text], { type: 'application/json' }), `${name}.json`);
}
