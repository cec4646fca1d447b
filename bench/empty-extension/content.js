// The benchmark's baseline: an extension that costs only being there. Its content script does nothing on its
// own; on request of the benchmark (a DOM event the page dispatches, handled synchronously) it runs the floor
// pass where Aftaletjek's scan runs, in a content script's isolated world: one bare TreeWalker pass reading
// every text node's data (bench/steps.ts isolatedFloorPass; the same pass as the main-world floor).
document.addEventListener('aftaletjek-bench:floor', () => {
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let nodes = 0;
  let chars = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes++;
    chars += node.data.length;
  }
  const ms = performance.now() - t0;
  document.documentElement.setAttribute('data-aftaletjek-bench-floor', JSON.stringify({ ms, nodes, chars }));
});
