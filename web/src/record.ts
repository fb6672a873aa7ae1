/**
 * Recording a zoom movie in the browser: frames already computed are played onto a canvas at a
 * steady rate while a MediaRecorder records the canvas's stream (captureStream) as WebM, so the
 * movie lasts frames / fps seconds whatever the time the frames took to compute.
 */

/** Frames per second of recorded movies. */
export const RECORD_FPS = 12;
/** Frames of a recorded zoom. */
export const RECORD_FRAMES = 36;

/** The WebM codec this browser records, or undefined when it records none. */
function webmType(): string | undefined {
  if (typeof MediaRecorder === 'undefined') return undefined;
  return ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'].find((t) => MediaRecorder.isTypeSupported(t));
}

const wait = (ms: number, signal: AbortSignal) => new Promise<void>((resolve, reject) => {
  const timer = setTimeout(resolve, ms);
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    reject(signal.reason);
  }, { once: true });
});

/**
 * Plays `frames` onto `screen` (sized to the first frame), one every 1/fps s, recording them;
 * resolves with the WebM. `progress` hears which frame is on. Throws when the browser cannot
 * record WebM, and with the signal's reason when aborted.
 */
export async function recordFrames(
  screen: HTMLCanvasElement, frames: readonly HTMLCanvasElement[], fps: number, signal: AbortSignal, progress: (text: string) => void,
): Promise<Blob> {
  const type = webmType();
  if (!type) throw new Error('this browser cannot record WebM video (MediaRecorder); try Chromium or Firefox');
  screen.width = frames[0].width;
  screen.height = frames[0].height;
  const ctx = screen.getContext('2d')!;
  ctx.drawImage(frames[0], 0, 0);
  const stream = screen.captureStream(0);
  const track = stream.getVideoTracks()[0] as CanvasCaptureMediaStreamTrack;
  const recorder = new MediaRecorder(stream, { mimeType: type, videoBitsPerSecond: 4e6 });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => { if (e.data.size > 0) chunks.push(e.data); };
  const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
  recorder.start();
  try {
    for (const [i, f] of frames.entries()) {
      progress(`recording the zoom: frame ${i + 1} of ${frames.length}`);
      ctx.drawImage(f, 0, 0);
      track.requestFrame();
      await wait(1000 / fps, signal);
    }
  } finally {
    recorder.stop();
    stream.getTracks().forEach((t) => t.stop());
  }
  await stopped;
  return new Blob(chunks, { type: 'video/webm' });
}
