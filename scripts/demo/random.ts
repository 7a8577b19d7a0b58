/** A small seeded generator (mulberry32): the same seed gives the same demo company every time. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  function next(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** A whole number from min to max, both included. */
  function int(min: number, max: number): number {
    return min + Math.floor(next() * (max - min + 1));
  }
  function pick<T>(values: readonly T[]): T {
    return values[int(0, values.length - 1)]!;
  }
  function chance(probability: number): boolean {
    return next() < probability;
  }
  return { next, int, pick, chance };
}
export type Random = ReturnType<typeof createRandom>;
