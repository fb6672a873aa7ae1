// Every static buffer we write is followed by GUARD bytes that nothing writes.
//
// AssemblyScript's large-argument sine/cosine reduction (pio2_large_quot, for phases above about
// 1.647e6) reads the 8 bytes just before its table of 2/pi bits, and their value changes the
// quadrant. The table sits in static data right after whatever was allocated before it, which can
// be one of our buffers: writing a buffer's last word would then change Math.sin/Math.cos.
// The guard keeps that word zero whatever the layout (test/simd.test.ts fills every buffer
// and checks the large-phase results).

/** Bytes of never-written padding after each static buffer. */
export const GUARD: i32 = 16;
