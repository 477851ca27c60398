// piscina's task for the dispatch anchor: a trivial function, like the profile's 0 ns task.
export default function task(x) {
  return x;
}
