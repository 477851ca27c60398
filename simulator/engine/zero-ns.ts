/**
 * Zero nanoseconds, as a double. Initialise every field that will hold a
 * time or a duration with this, not with the literal 0.
 *
 * Why: V8 stores a field that starts as the integer 0 as a small integer,
 * and the first time past 2^31 ns (two seconds of simulated time) the field
 * changes representation. Every object of that class then changes hidden
 * class, and the optimised code of each function that touched one is thrown
 * away mid-run, and again when the next run's objects are made. -0 is a
 * double from the start, and adds as 0 does (-0 + x is x). What leaves the
 * simulator is made +0 (`x + 0`), so no -0 is ever seen outside it.
 */
export const ZERO_NS = -0;
