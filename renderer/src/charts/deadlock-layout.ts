import { forceCollide, forceLink, forceManyBody, forceRadial, forceSimulation, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3';
import type { Finding } from '../../../simulator/index';

export interface GraphNode extends SimulationNodeDatum {
  readonly id: string;
  readonly kind: 'process' | 'resource';
  readonly label: string;
  readonly inCycle: boolean;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  /** A process waits for a resource, or a resource is held by a process. */
  readonly kind: 'waits' | 'holds';
  readonly inCycle: boolean;
}

export interface DeadlockGraph {
  readonly nodes: readonly (GraphNode & { readonly x: number; readonly y: number })[];
  readonly edges: readonly GraphEdge[];
  /** The frame the graph is laid out in: the size asked for, or larger for a long cycle. */
  readonly width: number;
  readonly height: number;
}

/** Room around the cycle's circle each node takes, in px: nodes closer than this overlap. */
const NODE_SPACING = 100;

/** Nodes drawn at most: a longer cycle is told in words alone (its graph would be thousands of px across). */
export const MAX_DRAWN_NODES = 32;

/** Whether the graph of this deadlock is drawn: its processes and the resources they hold or wait for. */
export function drawable(deadlock: Deadlock): boolean {
  return new Set(deadlock.cycle.flatMap((c) => [`p:${c.process}`, `r:${c.waits_for}`, ...c.holds.map((h) => `r:${h}`)])).size <= MAX_DRAWN_NODES;
}

type Deadlock = Extract<Finding, { kind: 'deadlock' }>;

/**
 * The wait-for graph of a deadlock: processes and resources, "waits for"
 * edges from a process to a resource and "held by" edges from a resource to
 * its holder, laid out by d3-force from fixed starting places (a circle), so
 * the same deadlock always draws the same.
 */
export function deadlockGraph(deadlock: Deadlock, minWidth: number, minHeight: number): DeadlockGraph {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const add = (id: string, kind: GraphNode['kind'], label: string) => {
    if (!nodes.has(id)) nodes.set(id, { id, kind, label, inCycle: true });
  };
  for (const link of deadlock.cycle) {
    add(`p:${link.process}`, 'process', link.process);
    add(`r:${link.waits_for}`, 'resource', link.waits_for);
    edges.push({ from: `p:${link.process}`, to: `r:${link.waits_for}`, kind: 'waits', inCycle: true });
    for (const held of link.holds) {
      add(`r:${held}`, 'resource', held);
      const inCycle = deadlock.cycle.some((other) => other.waits_for === held);
      edges.push({ from: `r:${held}`, to: `p:${link.process}`, kind: 'holds', inCycle });
    }
  }
  // A join waits on the children: the "resource" join:child is held by them.
  for (const link of deadlock.cycle) {
    if (!link.waits_for.startsWith('join:')) continue;
    const template = link.waits_for.slice('join:'.length);
    for (const other of deadlock.cycle) {
      if (other.process === template || other.process.startsWith(`${template}[`))
        edges.push({ from: `r:${link.waits_for}`, to: `p:${other.process}`, kind: 'holds', inCycle: true });
    }
  }
  // Start from the cycle's own order around a circle (process, what it waits for, its holder, ...),
  // then let d3-force settle it: the same deadlock always draws the same.
  const order: string[] = [];
  for (const link of deadlock.cycle) {
    for (const id of [`p:${link.process}`, `r:${link.waits_for}`]) if (!order.includes(id)) order.push(id);
  }
  for (const id of nodes.keys()) if (!order.includes(id)) order.push(id);
  // A long cycle gets a larger frame, its circle long enough for every node (sixteen philosophers
  // and their forks overlapped in the card's frame).
  const side = (order.length * NODE_SPACING) / Math.PI / 0.72;
  const width = Math.max(minWidth, side);
  const height = Math.max(minHeight, side);
  const radius = Math.min(width, height) * 0.36;
  const list = order.map((id, k) => {
    const angle = (2 * Math.PI * k) / order.length - Math.PI / 2;
    return { ...nodes.get(id)!, x: width / 2 + Math.cos(angle) * radius, y: height / 2 + Math.sin(angle) * radius };
  });
  const links: SimulationLinkDatum<GraphNode>[] = edges.map((e) => ({ source: e.from, target: e.to }));
  const simulation = forceSimulation<GraphNode>(list)
    .force(
      'link',
      forceLink<GraphNode, SimulationLinkDatum<GraphNode>>(links)
        .id((d) => d.id)
        .distance((2 * Math.PI * radius) / Math.max(3, order.length))
        .strength(0.3),
    )
    .force('charge', forceManyBody().strength(-400))
    .force('radial', forceRadial(radius, width / 2, height / 2).strength(0.8))
    // Apart by more than a resource's box (60 px wide) or a process's circle (52 px across).
    .force(
      'collide',
      forceCollide<GraphNode>((d) => (d.kind === 'resource' ? 40 : 32)),
    )
    .stop();
  simulation.tick(200);
  const pad = 48;
  const placed = list.map((n) => ({
    ...n,
    x: Math.max(pad, Math.min(width - pad, n.x ?? width / 2)),
    y: Math.max(pad, Math.min(height - pad, n.y ?? height / 2)),
  }));
  return { nodes: placed, edges, width, height };
}

/** The cycle in words, link by link: who holds what and waits for what. */
export function cycleInWords(deadlock: Deadlock): string {
  return deadlock.cycle.map((c) => `${c.process} holds ${c.holds.join(' and ') || 'nothing'} and waits for ${c.waits_for}`).join('; ');
}
