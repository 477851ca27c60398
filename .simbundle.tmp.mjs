// simulator/profile/diagnostics.ts
function formatProfileError(e) {
  return `${e.file}:${e.line}:${e.column}: ${e.message}`;
}
function byPosition(a, b) {
  return a.line - b.line || a.column - b.column;
}
function editDistance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_2, j) => i === 0 ? j : j === 0 ? i : 0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2][j - 2] + 1);
      d[i][j] = best;
    }
  }
  return d[a.length][b.length];
}
function didYouMean(found, known) {
  if (found.length > 64) return "";
  let best = "";
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(found.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  const close = bestDistance < found.length && bestDistance <= Math.max(1, Math.floor(best.length / 3));
  return close ? ` (did you mean "${best}"?)` : "";
}
function oneOf(options) {
  if (options.length <= 1) return options.join("");
  return `${options.slice(0, -1).join(", ")} or ${options[options.length - 1]}`;
}
function show(value) {
  const text = typeof value === "string" ? JSON.stringify(value) : String(JSON.stringify(value));
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

// simulator/profile/limits.ts
var LIMITS = {
  /** Bytes of profile text. */
  sourceBytes: 1024 * 1024,
  /** YAML nodes after expanding aliases (guards against alias bombs). */
  yamlNodes: 2e5,
  /** Instances of one template, one spawn, or a whole program where it can be counted. */
  processes: 1e5,
  /** A worker count in the sweep, or the pool's size. */
  workers: 1024,
  /** Worker counts in one sweep. */
  sweepLength: 64,
  /** Passes of one `repeat`. */
  repeat: 1e8,
  /** Tasks of one pool call. */
  poolItems: 1e8,
  /** Bytes crossing between processes per task. */
  taskBytes: 1024 * 1024 * 1024,
  /** Declared resources. */
  resources: 1e4,
  /** Slots of one shared array, items of one bounded queue, a semaphore's value, a barrier's parties. */
  resourceSize: 1e6,
  /** Nesting depth of `repeat`. */
  nesting: 32,
  /** Instructions in one template after compiling. */
  instructions: 1e5,
  /** One duration, in ns: a day. */
  durationNs: 864e11,
  /** Characters of one count expression. */
  exprChars: 200,
  /** Tasks of one `apply_async`. */
  applyAsyncTasks: 1e4,
  /** Magnitude of a shared value, an `add`, or an expected value: int32, as `Value('i')`. */
  int32: 2147483647
};

// simulator/profile/duration.ts
var UNIT_NS = {
  ns: 1,
  us: 1e3,
  \u00B5s: 1e3,
  ms: 1e6,
  s: 1e9,
  min: 6e10,
  h: 36e11
};
var DURATION_UNITS = Object.keys(UNIT_NS);
var DISTRIBUTIONS = ["uniform", "exponential", "normal"];
var LITERAL = /^\s*(-?)(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?\s*([a-zµ]*)\s*$/;
function readFixedNs(node, report) {
  if (node.kind !== "scalar" || typeof node.value !== "string" && typeof node.value !== "number") {
    report.error(node.at, `expected a duration with a unit, like 5ms, found ${describe(node)}`);
    return null;
  }
  if (typeof node.value === "number") {
    report.error(node.at, `expected a duration with a unit (${DURATION_UNITS.join(", ")}), found the bare number ${node.value}; write ${node.value}ms, say`);
    return null;
  }
  const match = LITERAL.exec(node.value);
  if (!match) {
    report.error(node.at, `expected a duration like 250ns, 40us, 1.5ms or 2s, found ${show(node.value)}`);
    return null;
  }
  const [, sign, digits, exponent, unit] = match;
  if (!unit) {
    report.error(node.at, `the duration ${show(node.value)} has no unit; expected one of ${DURATION_UNITS.join(", ")}`);
    return null;
  }
  const scale = UNIT_NS[unit];
  if (scale === void 0) {
    report.error(node.at, `unknown duration unit ${show(unit)}; expected one of ${DURATION_UNITS.join(", ")}`);
    return null;
  }
  if (sign === "-") {
    report.error(node.at, `a duration cannot be negative, found ${show(node.value)}`);
    return null;
  }
  const ns = Math.round(Number(`${digits}e${exponent ?? "0"}`) * scale);
  if (!Number.isFinite(ns) || ns > LIMITS.durationNs) {
    report.error(node.at, `the duration ${show(node.value)} is longer than the limit of one day (24h)`);
    return null;
  }
  return ns;
}
function readDuration(node, report) {
  if (node.kind !== "map") {
    const ns = readFixedNs(node, report);
    return ns === null ? null : { kind: "fixed", ns };
  }
  const [entry, extra] = node.entries;
  if (!entry || extra) {
    report.error(node.at, `a distribution is a map with one key (${DISTRIBUTIONS.join(", ")}), found ${node.entries.length} keys`);
    return null;
  }
  const { value } = entry;
  switch (entry.key) {
    case "uniform": {
      const pair = readPair(value, "uniform: [low, high]", report);
      if (!pair) return null;
      const [lo, hi] = pair;
      if (lo > hi) {
        report.error(value.at, `uniform needs low <= high, found [${lo}ns, ${hi}ns]`);
        return null;
      }
      return { kind: "uniform", lo, hi };
    }
    case "exponential": {
      const mean = readFixedNs(value, report);
      return mean === null ? null : { kind: "exponential", mean };
    }
    case "normal": {
      const pair = readPair(value, "normal: [mean, standard deviation]", report);
      return pair ? { kind: "normal", mean: pair[0], sd: pair[1] } : null;
    }
    default:
      report.error(entry.keyAt, `unknown distribution ${show(entry.key)}; expected ${DISTRIBUTIONS.join(", ")}`);
      return null;
  }
}
function readPair(node, form, report) {
  if (node.kind !== "seq" || node.items.length !== 2) {
    report.error(node.at, `expected ${form}, a list of two durations, found ${describe(node)}`);
    return null;
  }
  const a = readFixedNs(node.items[0], report);
  const b = readFixedNs(node.items[1], report);
  return a === null || b === null ? null : [a, b];
}
function meanNs(d) {
  switch (d.kind) {
    case "fixed":
      return d.ns;
    case "uniform":
      return (d.lo + d.hi) / 2;
    case "exponential":
      return d.mean;
    case "normal":
      return Math.max(0, d.mean);
    default:
      return assertNever(d);
  }
}
function assertNever(x) {
  throw new Error(`unexpected variant: ${JSON.stringify(x)}`);
}
function describe(node) {
  switch (node.kind) {
    case "map":
      return "a map";
    case "seq":
      return "a list";
    case "scalar":
      return node.value === null ? "nothing" : show(node.value);
    default:
      return assertNever(node);
  }
}
function parseDurationText(text) {
  const match = LITERAL.exec(text);
  const scale = match?.[4] ? UNIT_NS[match[4]] : void 0;
  if (!match || match[1] === "-" || scale === void 0) return `expected a duration with a unit (${DURATION_UNITS.join(", ")}), like 5ms, found ${show(text)}`;
  const ns = Math.round(Number(`${match[2]}e${match[3] ?? "0"}`) * scale);
  return ns > LIMITS.durationNs ? `the duration ${show(text)} is longer than the limit of one day` : ns;
}

// simulator/profile/count.ts
var SCOPE_ALL = { workers: true, i: true };
var SCOPE_WORKERS = { workers: true, i: false };
var CountError = class extends Error {
};
function evalExpr(e, env) {
  switch (e.kind) {
    case "int":
      return e.value;
    case "var":
      return env[e.name];
    case "neg":
      return -evalExpr(e.arg, env);
    case "bin": {
      const a = evalExpr(e.left, env);
      const b = evalExpr(e.right, env);
      let r;
      if (e.op === "+") r = a + b;
      else if (e.op === "-") r = a - b;
      else if (e.op === "*") r = a * b;
      else {
        if (b === 0) throw new CountError("division by zero");
        r = Math.trunc(a / b);
      }
      if (Math.abs(r) > Number.MAX_SAFE_INTEGER) throw new CountError("the result is too large");
      return r;
    }
  }
}
function readsVar(e, name) {
  switch (e.kind) {
    case "int":
      return false;
    case "var":
      return e.name === name;
    case "neg":
      return readsVar(e.arg, name);
    case "bin":
      return readsVar(e.left, name) || readsVar(e.right, name);
  }
}
var TOKEN = /\s*(\$[A-Za-z_]\w*|\d+(?:\.\d+)?|[-+*/()]|\S)/y;
function parseExpr(text, at, scope, report) {
  if (text.length > LIMITS.exprChars) {
    report.error(at, `the count expression is ${text.length} characters long; the limit is ${LIMITS.exprChars}`);
    return null;
  }
  const tokens = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    tokens.push({ text: m[1], offset: m.index + m[0].length - m[1].length });
  }
  let next = 0;
  const place = (t) => ({ line: at.line, column: at.column + (t ? t.offset : text.length) });
  const fail = (t, message) => {
    report.error(place(t), message);
    throw new SyntaxError(message);
  };
  const expression = (depth) => {
    let left = term(depth);
    while (tokens[next]?.text === "+" || tokens[next]?.text === "-") {
      const op = tokens[next++].text;
      left = { kind: "bin", op, left, right: term(depth) };
    }
    return left;
  };
  const term = (depth) => {
    let left = factor(depth);
    while (tokens[next]?.text === "*" || tokens[next]?.text === "/") {
      const op = tokens[next++].text;
      left = { kind: "bin", op, left, right: factor(depth) };
    }
    return left;
  };
  const factor = (depth) => {
    const t = tokens[next++];
    if (depth > 50) return fail(t, "the count expression nests too deeply (limit 50)");
    if (!t) return fail(t, `the count expression ${show(text)} ends too soon; expected a number, $workers, $i or (`);
    if (t.text === "(") {
      const inner = expression(depth + 1);
      if (tokens[next]?.text !== ")") fail(tokens[next], `expected ) to close the ( at column ${place(t).column}`);
      next++;
      return inner;
    }
    if (t.text === "-") return { kind: "neg", arg: factor(depth + 1) };
    if (/^\d+$/.test(t.text)) {
      const value = Number(t.text);
      if (value > LIMITS.int32) fail(t, `the number ${t.text} is too large for a count (limit ${LIMITS.int32})`);
      return { kind: "int", value };
    }
    if (/^\d/.test(t.text)) return fail(t, `expected a whole number in a count, found ${t.text}`);
    if (t.text === "$workers") {
      if (!scope.workers) fail(t, "$workers cannot be used here");
      return { kind: "var", name: "workers" };
    }
    if (t.text === "$i") {
      if (!scope.i) fail(t, "$i (the instance index) is only known inside a process; it cannot be used here");
      return { kind: "var", name: "i" };
    }
    if (t.text.startsWith("$")) return fail(t, `unknown variable ${t.text}; expected $workers or $i`);
    return fail(t, `unexpected ${show(t.text)} in the count expression; expected a number, $workers, $i, an operator (+ - * /) or parentheses`);
  };
  try {
    const expr = expression(0);
    if (next < tokens.length) fail(tokens[next], `unexpected ${show(tokens[next].text)} after the count expression`);
    return expr;
  } catch (e) {
    if (e instanceof SyntaxError) return null;
    throw e;
  }
}
function textStart(node) {
  return node.kind === "scalar" && node.quoted ? { line: node.at.line, column: node.at.column + 1 } : node.at;
}
function readExpr(node, scope, report, what = "a count") {
  if (node.kind === "scalar" && typeof node.value === "number") {
    if (!Number.isInteger(node.value)) {
      report.error(node.at, `expected ${what} (a whole number), found ${node.value}`);
      return null;
    }
    if (Math.abs(node.value) > LIMITS.int32) {
      report.error(node.at, `${node.value} is too large for ${what} (limit ${LIMITS.int32})`);
      return null;
    }
    return { kind: "int", value: node.value };
  }
  if (node.kind === "scalar" && typeof node.value === "string") {
    return parseExpr(node.value, textStart(node), scope, report);
  }
  report.error(node.at, `expected ${what}: a whole number or an expression like $workers + 1, found ${describe(node)}`);
  return null;
}
function readCount(node, scope, report, what = "a count") {
  if (node.kind === "map") {
    const [entry, extra] = node.entries;
    if (!entry || extra || entry.key !== "geometric") {
      report.error(entry && !extra ? entry.keyAt : node.at, `expected ${what}: a whole number, an expression, or {geometric: p}`);
      return null;
    }
    const p = entry.value;
    if (p.kind !== "scalar" || typeof p.value !== "number" || !(p.value > 0 && p.value <= 1)) {
      report.error(p.at, `geometric needs a probability p with 0 < p <= 1, found ${describe(p)}`);
      return null;
    }
    return { kind: "geometric", p: p.value };
  }
  const expr = readExpr(node, scope, report, what);
  if (!expr) return null;
  const text = node.kind === "scalar" ? String(node.value) : "";
  return { kind: "expr", expr, text };
}
function meanCount(c, env) {
  return c.kind === "geometric" ? 1 / c.p : evalExpr(c.expr, env);
}

// simulator/profile/compile-context.ts
function checkRange(expr, at, min, max, what, envs, report, limitName = "") {
  for (const env of envs) {
    let v;
    try {
      v = evalExpr(expr, env);
    } catch (e) {
      if (!(e instanceof CountError)) throw e;
      report.error(at, [`${what}: ${e.message}`, bindings(expr, env)].filter(Boolean).join(" "));
      return false;
    }
    if (v < min || v > max) {
      const limit = v < min ? `; expected at least ${min}` : limitName ? `; the limit is ${max.toLocaleString("en-US")} (${limitName})` : `; expected ${min} to ${max.toLocaleString("en-US")}`;
      report.error(at, `${[`${what} is ${v.toLocaleString("en-US")}`, bindings(expr, env)].filter(Boolean).join(" ")}${limit}`);
      return false;
    }
  }
  return true;
}
function checkCount(count, at, min, max, what, ctx, limitName = "") {
  if (count.kind === "expr") checkRange(count.expr, at, min, max, what, ctx.envs, ctx.report, limitName);
}
function bindings(expr, env) {
  const parts = [];
  if (readsVar(expr, "workers")) parts.push(`$workers = ${env.workers}`);
  if (readsVar(expr, "i")) parts.push(`$i = ${env.i}`);
  return parts.length ? `(with ${parts.join(", ")})` : "";
}

// simulator/profile/vocabulary.ts
var RESOURCE_WORDS = {
  lock: { form: "bare", summary: "multiprocessing.Lock" },
  rlock: { form: "bare", summary: "multiprocessing.RLock: re-entrant for its holder" },
  semaphore: { form: "count", summary: "multiprocessing.Semaphore with an initial value" },
  bounded_semaphore: { form: "count", summary: "BoundedSemaphore: releasing above the initial value is an error" },
  event: { form: "bare", summary: "multiprocessing.Event" },
  condition: { form: "bare-or-lock", summary: "Condition bound to a lock, or owning its own rlock" },
  barrier: { form: "count", summary: "Barrier with a number of parties" },
  queue: { form: "bare-or-count", summary: "Queue, unbounded, or holding at most N items" },
  value: { form: "integer", summary: "Value('i', N): a shared integer" },
  array: { form: "count", summary: "Array('i', N): N shared integers, zero-filled" }
};
var RESOURCE_KINDS = Object.keys(RESOURCE_WORDS);
var LOCKLIKE = ["lock", "rlock", "semaphore", "bounded_semaphore", "condition"];
var timeout = { type: "duration", summary: "give up after this long" };
var VERBS = {
  compute: { operand: { type: "duration" }, modifiers: {}, summary: "CPU-bound work on one core" },
  sleep: { operand: { type: "duration" }, modifiers: {}, summary: "a blocking wait that uses no core" },
  acquire: {
    operand: { type: "resource", kinds: LOCKLIKE },
    modifiers: { timeout },
    summary: "acquire a lock, rlock, semaphore, or a condition's lock"
  },
  release: { operand: { type: "resource", kinds: LOCKLIKE }, modifiers: {}, summary: "release what acquire took" },
  wait: {
    operand: { type: "resource", kinds: ["event", "barrier", "condition"] },
    modifiers: { timeout },
    summary: "wait for an event to be set, a barrier to fill, or a condition to be notified"
  },
  set: { operand: { type: "resource", kinds: ["event"] }, modifiers: {}, summary: "set an event" },
  clear: { operand: { type: "resource", kinds: ["event"] }, modifiers: {}, summary: "clear an event" },
  notify: {
    operand: { type: "resource", kinds: ["condition"] },
    modifiers: { n: { type: "count", summary: "how many waiters to wake (default 1)" } },
    summary: "wake waiters of a condition"
  },
  notify_all: { operand: { type: "resource", kinds: ["condition"] }, modifiers: {}, summary: "wake every waiter of a condition" },
  put: {
    operand: { type: "resource", kinds: ["queue"] },
    modifiers: { item: { type: "scalar", summary: "what to put (default: the next integer of this process)" }, timeout },
    summary: "put an item on a queue, blocking while a bounded queue is full"
  },
  get: {
    operand: { type: "resource", kinds: ["queue"] },
    modifiers: { timeout, until: { type: "scalar", summary: "end the innermost repeat when this item is got" } },
    summary: "get an item from a queue, blocking while it is empty"
  },
  increment: { operand: { type: "target" }, modifiers: {}, summary: "non-atomic += 1 of a shared value or array slot" },
  add: {
    operand: { type: "target" },
    modifiers: { by: { type: "integer", required: true, summary: "the amount to add" } },
    summary: "non-atomic += N of a shared value or array slot"
  },
  repeat: {
    operand: { type: "repeat" },
    modifiers: { steps: { type: "steps", required: true, summary: "the steps to repeat" } },
    summary: "repeat steps a number of times, forever, or while an event is set"
  },
  spawn: {
    operand: { type: "template" },
    modifiers: { count: { type: "count", summary: "how many instances (default the template's count)" } },
    summary: "start instances of a process template (Process.start)"
  },
  join: { operand: { type: "template" }, modifiers: {}, summary: "wait for every instance of a template this process spawned" },
  map: { operand: { type: "pool" }, modifiers: {}, summary: "Pool.map" },
  starmap: { operand: { type: "pool" }, modifiers: {}, summary: "Pool.starmap" },
  imap: { operand: { type: "pool" }, modifiers: {}, summary: "Pool.imap (chunksize 1 by default)" },
  imap_unordered: { operand: { type: "pool" }, modifiers: {}, summary: "Pool.imap_unordered (chunksize 1 by default)" },
  apply_async: { operand: { type: "durations" }, modifiers: {}, summary: "submit one pool task per duration and go on" },
  wait_pool: { operand: { type: "none" }, modifiers: {}, summary: "wait for every pool task this process submitted" }
};
var VERB_NAMES = Object.keys(VERBS);
var POOL_KEYS = {
  items: { type: "count", required: true, summary: "how many tasks" },
  cost: { type: "duration", required: true, summary: "the cost of one task (drawn afresh per item when a distribution)" },
  chunksize: { type: "count", summary: "tasks per chunk, or auto (CPython's rule: ceil(items / (4 * workers)))" },
  arg_bytes: { type: "count", summary: "bytes sent to the worker per task" },
  result_bytes: { type: "count", summary: "bytes sent back per task" }
};
var TOP_LEVEL_KEYS = ["version", "name", "description", "seed", "workers", "run_for", "resources", "main", "processes", "expect", "pool"];

// simulator/profile/compile-steps.ts
function compileSteps(node, ctx, templateName) {
  const compiler = new StepCompiler(ctx, templateName);
  compiler.list(node, 0);
  compiler.checkJoins();
  return { code: compiler.code, slots: compiler.slots, spawns: compiler.spawns };
}
var StepCompiler = class {
  constructor(ctx, templateName) {
    this.ctx = ctx;
    this.templateName = templateName;
  }
  ctx;
  templateName;
  code = [];
  spawns = [];
  joins = [];
  loops = [];
  slots = 0;
  get report() {
    return this.ctx.report;
  }
  list(node, depth) {
    if (node.kind !== "seq") {
      this.report.error(node.at, `expected a list of steps (each line starting with "- "), found ${describe(node)}`);
      return;
    }
    for (const step of node.items) {
      if (this.code.length >= LIMITS.instructions) {
        this.report.error(step.at, `process ${this.templateName} has more than ${LIMITS.instructions} steps; that is the limit`);
        return;
      }
      this.step(step, depth);
    }
  }
  checkJoins() {
    for (const join of this.joins) {
      if (!this.spawns.some((s) => s.t === join.t)) {
        const name = this.ctx.templateNames[join.t];
        this.report.error(join.at, `join: ${name} waits for instances of ${name} that this process spawned, but ${this.templateName} never spawns ${name}`);
      }
    }
  }
  emit(instr) {
    this.code.push(instr);
    return instr;
  }
  step(node, depth) {
    if (node.kind === "scalar" && typeof node.value === "string") {
      const word2 = node.value.trim();
      if (word2 === "wait_pool") {
        this.emit({ op: "wait_pool", at: node.at });
      } else if (word2 in VERBS) {
        this.report.error(node.at, `${word2} needs an operand: write "- ${word2}: ..."`);
      } else {
        this.report.error(node.at, `unknown verb ${show(word2)}${didYouMean(word2, VERB_NAMES)}; expected one of ${VERB_NAMES.join(", ")}`);
      }
      return;
    }
    if (node.kind !== "map") {
      this.report.error(node.at, `expected a step: a map with one verb (compute, acquire, put, ...), found ${describe(node)}`);
      return;
    }
    const verbs = node.entries.filter((e) => e.key in VERBS);
    if (verbs.length === 0) {
      const first = node.entries[0];
      if (!first) this.report.error(node.at, "an empty step; expected a verb such as compute, acquire or put");
      else this.report.error(first.keyAt, `unknown verb ${show(first.key)}${didYouMean(first.key, VERB_NAMES)}; expected one of ${VERB_NAMES.join(", ")}`);
      return;
    }
    if (verbs.length > 1) {
      this.report.error(verbs[1].keyAt, `a step has one verb, found ${verbs.map((v) => v.key).join(" and ")}; put each in a step of its own`);
      return;
    }
    const verb = verbs[0];
    const word = VERBS[verb.key];
    const mods = this.modifiers(node, verb, word);
    if (!mods) return;
    this.verb(verb, word, mods, node, depth);
  }
  /** The step's modifiers by name, after rejecting unknown or missing ones. */
  modifiers(node, verb, word) {
    const mods = /* @__PURE__ */ new Map();
    let ok = true;
    const allowed = Object.keys(word.modifiers);
    for (const e of node.entries) {
      if (e === verb) continue;
      if (!(e.key in word.modifiers)) {
        const expected = allowed.length ? `; ${verb.key} takes ${oneOf(allowed)}` : `; ${verb.key} takes no other keys`;
        this.report.error(e.keyAt, `unknown key ${show(e.key)} in a ${verb.key} step${didYouMean(e.key, allowed)}${expected}`);
        ok = false;
      } else mods.set(e.key, e);
    }
    for (const [name, m] of Object.entries(word.modifiers)) {
      if (m.required && !mods.has(name)) {
        this.report.error(verb.keyAt, `a ${verb.key} step needs ${name}: (${m.summary})`);
        ok = false;
      }
    }
    return ok ? mods : null;
  }
  verb(verb, word, mods, node, depth) {
    const at = verb.keyAt;
    const timeout2 = () => {
      const t = mods.get("timeout");
      return t ? readDuration(t.value, this.report) : null;
    };
    const operand = word.operand;
    switch (operand.type) {
      case "duration": {
        const d = readDuration(verb.value, this.report);
        if (d) this.emit({ op: verb.key, d, at });
        return;
      }
      case "resource": {
        const r = this.resource(verb, operand.kinds);
        if (r === null) return;
        this.resourceStep(verb.key, r, mods, at, timeout2);
        return;
      }
      case "target":
        this.target(verb, mods, at);
        return;
      case "template": {
        const t = this.template(verb);
        if (t === null) return;
        if (verb.key === "join") {
          this.joins.push({ t, at });
          this.emit({ op: "join", t, at });
          return;
        }
        const c = mods.get("count");
        const count = c ? readCount(c.value, SCOPE_ALL, this.report) : null;
        if (c && !count) return;
        if (c && count) checkCount(count, c.value.at, 0, LIMITS.processes, "the spawn count", this.ctx, "processes");
        this.spawns.push({ t, at });
        this.emit({ op: "spawn", t, count, at });
        return;
      }
      case "repeat":
        this.repeat(verb, mods, node, depth);
        return;
      case "pool":
        this.pool(verb, at);
        return;
      case "durations": {
        const list = verb.value;
        if (list.kind !== "seq" || list.items.length === 0) {
          this.report.error(list.at, `apply_async takes a list of task durations, like [5ms, 10ms], found ${describe(list)}`);
          return;
        }
        if (list.items.length > LIMITS.applyAsyncTasks) {
          this.report.error(list.at, `apply_async submits ${list.items.length} tasks; the limit is ${LIMITS.applyAsyncTasks}`);
          return;
        }
        const costs = list.items.map((item) => readDuration(item, this.report));
        if (costs.every((c) => c !== null)) this.emit({ op: "apply_async", costs, at });
        return;
      }
      case "none":
        if (verb.value.kind !== "scalar" || verb.value.value !== null) {
          this.report.error(verb.value.at, `${verb.key} takes nothing; write "- ${verb.key}"`);
          return;
        }
        this.emit({ op: "wait_pool", at });
        return;
    }
  }
  resourceStep(key, r, mods, at, timeout2) {
    const resource = this.ctx.resources[r];
    const lockOf = (i) => {
      const res = this.ctx.resources[i];
      return res.kind === "condition" ? res.lock : i;
    };
    switch (key) {
      case "acquire":
        this.emit({ op: "acquire", r: lockOf(r), timeout: timeout2(), at });
        return;
      case "release":
        this.emit({ op: "release", r: lockOf(r), at });
        return;
      case "wait":
        this.emit({ op: "wait", r, timeout: timeout2(), at });
        return;
      case "set":
      case "clear":
      case "notify_all":
        this.emit({ op: key, r, at });
        return;
      case "notify": {
        const m = mods.get("n");
        const n = m ? readCount(m.value, SCOPE_ALL, this.report, "the number to wake") : null;
        if (m && n) checkCount(n, m.value.at, 0, LIMITS.processes, "the number to wake", this.ctx);
        this.emit({ op: "notify", r, n, at });
        return;
      }
      case "put": {
        const item = mods.get("item");
        const value = item ? this.scalar(item.value) : null;
        if (item && value === null) return;
        this.emit({ op: "put", r, item: value, timeout: timeout2(), at });
        return;
      }
      case "get": {
        const until = mods.get("until");
        let untilItem = null;
        if (until) {
          untilItem = this.scalar(until.value);
          if (untilItem === null) return;
          if (this.loops.length === 0) {
            this.report.error(until.keyAt, "until ends the innermost repeat, but this get is not inside a repeat");
            return;
          }
        }
        const instr = this.emit({ op: "get", r, timeout: timeout2(), until: untilItem === null ? null : { item: untilItem, exit: -1 }, at });
        if (untilItem !== null) this.loops[this.loops.length - 1].exits.push(instr);
        return;
      }
      default:
        throw new Error(`verb ${key} on resource ${resource.name} has no compiler`);
    }
  }
  resource(verb, kinds) {
    const v = verb.value;
    if (v.kind !== "scalar" || typeof v.value !== "string") {
      this.report.error(v.at, `${verb.key} needs the name of ${article(kinds)}, found ${describe(v)}`);
      return null;
    }
    const r = this.ctx.resourceIndex.get(v.value);
    if (r === void 0 && this.ctx.brokenResources.has(v.value)) return null;
    if (r === void 0) {
      const names = [...this.ctx.resourceIndex.keys()];
      const known = names.length ? `; declared: ${names.join(", ")}` : "; declare it under resources:";
      this.report.error(v.at, `undeclared resource ${show(v.value)}${didYouMean(v.value, names)}${known}`);
      return null;
    }
    const kind = this.ctx.resources[r].kind;
    if (!kinds.includes(kind)) {
      this.report.error(v.at, `${verb.key} needs ${article(kinds)}, but ${v.value} is ${withArticle(kind)}`);
      return null;
    }
    return r;
  }
  template(verb) {
    const v = verb.value;
    if (v.kind !== "scalar" || typeof v.value !== "string") {
      this.report.error(v.at, `${verb.key} needs the name of a process template, found ${describe(v)}`);
      return null;
    }
    const t = this.ctx.templateIndex.get(v.value);
    if (t === void 0 || v.value === "main") {
      const names = this.ctx.templateNames.filter((n) => n !== "main");
      const known = names.length ? `; defined: ${names.join(", ")}` : "; define it under processes:";
      this.report.error(v.at, `${verb.key}: no process template named ${show(v.value)}${didYouMean(v.value, names)}${known}`);
      return null;
    }
    return t;
  }
  scalar(node) {
    if (node.kind === "scalar" && node.value !== null) return node.value;
    this.report.error(node.at, `expected a single item (a number, a word or true/false), found ${describe(node)}`);
    return null;
  }
  target(verb, mods, at) {
    const v = verb.value;
    if (v.kind !== "scalar" || typeof v.value !== "string") {
      this.report.error(v.at, `${verb.key} needs a shared value or an array slot like totals[$i], found ${describe(v)}`);
      return;
    }
    const match = /^\s*([A-Za-z_]\w*)\s*(?:\[(.*)\])?\s*$/.exec(v.value);
    if (!match) {
      this.report.error(v.at, `${verb.key} needs a shared value or an array slot like totals[$i], found ${show(v.value)}`);
      return;
    }
    const [, name, indexText] = match;
    const r = this.resource({ ...verb, value: { kind: "scalar", value: name, at: v.at, quoted: v.quoted } }, ["value", "array"]);
    if (r === null) return;
    const resource = this.ctx.resources[r];
    let index = null;
    if (resource.kind === "array") {
      if (indexText === void 0) {
        this.report.error(v.at, `${name} is an array; say which slot, like ${name}[$i]`);
        return;
      }
      const column = v.at.column + (v.quoted ? 1 : 0) + v.value.indexOf("[") + 1;
      index = parseExpr(indexText, { line: v.at.line, column }, SCOPE_ALL, this.report);
      if (!index) return;
      const length = resource.length;
      const envs = this.ctx.envs;
      for (const env of envs) {
        const upper = evalLength(length, env);
        if (upper === null) break;
        if (!checkRange(index, { line: v.at.line, column }, 0, upper - 1, `the index into ${name} (${upper} slots)`, [env], this.ctx.report)) break;
      }
    } else if (indexText !== void 0) {
      this.report.error(v.at, `${name} is a single value, not an array; write ${verb.key}: ${name}`);
      return;
    }
    const by = { kind: "int", value: 1 };
    const byEntry = mods.get("by");
    if (byEntry) {
      const expr = readExpr(byEntry.value, SCOPE_ALL, this.report, "the amount to add");
      if (!expr) return;
      checkRange(expr, byEntry.value.at, -LIMITS.int32, LIMITS.int32, "the amount to add", this.ctx.envs, this.ctx.report);
      this.emit({ op: "add", r, index, by: expr, verb: "add", at });
      return;
    }
    this.emit({ op: "add", r, index, by, verb: "increment", at });
  }
  repeat(verb, mods, node, depth) {
    if (depth >= LIMITS.nesting) {
      this.report.error(verb.keyAt, `repeats nest more than ${LIMITS.nesting} deep; that is the limit`);
      return;
    }
    const bound = this.loopBound(verb.value) ?? { kind: "forever" };
    const steps = mods.get("steps");
    const head = this.emit({ op: "loop", bound, slot: depth, end: -1, at: verb.keyAt });
    this.slots = Math.max(this.slots, depth + 1);
    const headPc = this.code.length - 1;
    const loop = { exits: [] };
    this.loops.push(loop);
    this.list(steps.value, depth + 1);
    this.loops.pop();
    this.emit({ op: "next", head: headPc, slot: depth, at: node.at });
    const end = this.code.length;
    head.end = end;
    for (const exit of loop.exits) {
      const get = exit;
      get.until = { item: get.until.item, exit: end };
    }
  }
  loopBound(v) {
    if (v.kind === "scalar" && v.value === "forever") return { kind: "forever" };
    if (v.kind === "map" && v.entries.length === 1 && v.entries[0].key === "while_set") {
      const entry = v.entries[0];
      const r = this.resource({ ...entry, key: "repeat while_set" }, ["event"]);
      return r === null ? null : { kind: "while_set", event: r };
    }
    if (v.kind === "map" && !(v.entries.length === 1 && v.entries[0].key === "geometric")) {
      this.report.error(v.at, "repeat takes a count, forever, or {while_set: EVENT}");
      return null;
    }
    const count = readCount(v, SCOPE_ALL, this.report, "a repeat count (or forever, or {while_set: EVENT})");
    if (!count) return null;
    checkCount(count, v.at, 0, LIMITS.repeat, "the repeat count", this.ctx, "repeat");
    return { kind: "count", count };
  }
  pool(verb, at) {
    const v = verb.value;
    if (v.kind !== "map") {
      this.report.error(v.at, `${verb.key} takes {items: COUNT, cost: DURATION, chunksize: N or auto}, found ${describe(v)}`);
      return;
    }
    const keys = /* @__PURE__ */ new Map();
    let ok = true;
    for (const e of v.entries) {
      if (!(e.key in POOL_KEYS)) {
        const names = Object.keys(POOL_KEYS);
        this.report.error(e.keyAt, `unknown key ${show(e.key)} in ${verb.key}${didYouMean(e.key, names)}; expected ${oneOf(names)}`);
        ok = false;
      } else keys.set(e.key, e);
    }
    for (const [name, m] of Object.entries(POOL_KEYS)) {
      if (m.required && !keys.has(name)) {
        this.report.error(v.at, `${verb.key} needs ${name}: (${m.summary})`);
        ok = false;
      }
    }
    if (!ok) return;
    const countOf = (name, min, max, what, limit) => {
      const e = keys.get(name);
      if (!e) return void 0;
      const c = readCount(e.value, SCOPE_ALL, this.report, what);
      if (c) checkCount(c, e.value.at, min, max, what, this.ctx, limit);
      return c;
    };
    const items = countOf("items", 0, LIMITS.poolItems, "the number of items", "poolItems");
    const cost = readDuration(keys.get("cost").value, this.report);
    const chunkEntry = keys.get("chunksize");
    const defaultChunk = verb.key === "imap" || verb.key === "imap_unordered" ? { kind: "expr", expr: { kind: "int", value: 1 }, text: "1" } : "auto";
    const chunksize = chunkEntry && chunkEntry.value.kind === "scalar" && chunkEntry.value.value === "auto" ? "auto" : chunkEntry ? countOf("chunksize", 1, LIMITS.poolItems, "the chunk size", "poolItems") : defaultChunk;
    const argBytes = countOf("arg_bytes", 0, LIMITS.taskBytes, "arg_bytes", "taskBytes");
    const resultBytes = countOf("result_bytes", 0, LIMITS.taskBytes, "result_bytes", "taskBytes");
    if (!items || !cost || !chunksize || argBytes === null || resultBytes === null) return;
    this.emit({
      op: "pool",
      call: verb.key,
      items,
      cost,
      chunksize,
      argBytes: argBytes ?? null,
      resultBytes: resultBytes ?? null,
      at
    });
  }
};
function evalLength(length, env) {
  try {
    return evalExpr(length, env);
  } catch (e) {
    if (e instanceof CountError) return null;
    throw e;
  }
}
var ARTICLE = {
  lock: "a lock",
  rlock: "an rlock",
  semaphore: "a semaphore",
  bounded_semaphore: "a bounded_semaphore",
  event: "an event",
  condition: "a condition",
  barrier: "a barrier",
  queue: "a queue",
  value: "a value",
  array: "an array"
};
function withArticle(kind) {
  return ARTICLE[kind];
}
function article(kinds) {
  return oneOf(kinds.map(withArticle));
}

// simulator/profile/located-tree.ts
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
var TooLarge = class extends Error {
};
function readLocatedTree(text, file) {
  const bytes = utf8Length(text);
  if (bytes > LIMITS.sourceBytes) {
    const message = `the profile is ${bytes} bytes; the limit is ${LIMITS.sourceBytes} bytes`;
    return { ok: false, errors: [{ file, line: 1, column: 1, message }] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
    schema: "core",
    strict: true
  });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    return {
      ok: false,
      errors: problems.map((p) => {
        const pos = lines.linePos(p.pos[0]);
        const message = `YAML syntax: ${firstLine(p.message)}`;
        return { file, line: pos.line, column: pos.col, message };
      })
    };
  }
  if (doc.contents === null) {
    return { ok: false, errors: [{ file, line: 1, column: 1, message: "the profile is empty; expected a map with at least `version: 1` and `name`" }] };
  }
  const builder = new TreeBuilder(doc, lines);
  try {
    return { ok: true, root: builder.build(doc.contents) };
  } catch (e) {
    if (!(e instanceof TooLarge)) throw e;
    const message = `the profile has more than ${LIMITS.yamlNodes} YAML nodes once aliases are expanded; that is the limit`;
    return { ok: false, errors: [{ file, line: 1, column: 1, message }] };
  }
}
function utf8Length(text) {
  let bytes = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 128) bytes += 1;
    else if (c < 2048) bytes += 2;
    else if (c >= 55296 && c <= 56319) {
      bytes += 4;
      k++;
    } else bytes += 3;
  }
  return bytes;
}
function firstLine(message) {
  const line = message.split("\n")[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, "");
}
var TreeBuilder = class {
  constructor(doc, lines) {
    this.doc = doc;
    this.lines = lines;
  }
  doc;
  lines;
  nodes = 0;
  build(node, depth = 0) {
    if (++this.nodes > LIMITS.yamlNodes || depth > 200) throw new TooLarge();
    if (isAlias(node)) {
      return this.build(node.resolve(this.doc), depth + 1);
    }
    const at = this.pos(node);
    if (isMap(node)) {
      const entries = [];
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key : null;
        const keyAt = pair.key ? this.pos(pair.key) : at;
        const value = pair.value ?? null;
        entries.push({
          key: key === null ? "" : String(key.value),
          keyAt,
          value: value === null ? { kind: "scalar", value: null, at: keyAt, quoted: false } : this.build(value, depth + 1)
        });
      }
      return { kind: "map", entries, at };
    }
    if (isSeq(node)) {
      return { kind: "seq", items: node.items.map((item) => this.build(item, depth + 1)), at };
    }
    if (isScalar(node)) {
      const v = node.value;
      const value = typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : v === null ? null : String(v);
      const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE";
      return { kind: "scalar", value, at, quoted };
    }
    return { kind: "scalar", value: null, at, quoted: false };
  }
  pos(node) {
    const range = node?.range;
    const p = this.lines.linePos(range ? range[0] : 0);
    return { line: p.line, column: p.col };
  }
};

// simulator/profile/reporter.ts
var Reporter = class {
  constructor(file) {
    this.file = file;
  }
  file;
  found = [];
  error(at, message) {
    this.found.push({ file: this.file, line: at.line, column: at.column, message });
  }
  get count() {
    return this.found.length;
  }
  /** The errors in text order, without repeats. */
  errors() {
    const seen = /* @__PURE__ */ new Set();
    return [...this.found].sort(byPosition).filter((e) => {
      const key = `${e.line}:${e.column}:${e.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
};

// simulator/profile/parse-profile.ts
var NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
var DEFAULT_SWEEP = [1, 2, 4];
var START = { line: 1, column: 1 };
function parseProfile(text, file = "profile.yaml") {
  const tree = readLocatedTree(text, file);
  if (!tree.ok) return tree;
  const report = new Reporter(file);
  const program = compileProgram(tree.root, report);
  return program && report.count === 0 ? { ok: true, program } : { ok: false, errors: report.errors() };
}
function compileProgram(root, report) {
  if (root.kind !== "map") {
    report.error(root.at, `a profile is a map of keys (version, name, resources, processes, ...), found ${describe(root)}`);
    return null;
  }
  const top = topLevel(root, report);
  const version = top.get("version");
  if (!version) {
    report.error(START, "missing version; expected `version: 1` at the top of the profile");
  } else if (version.value.kind !== "scalar" || version.value.value !== 1) {
    report.error(version.value.at, `unsupported version ${describe(version.value)}; this Interleave reads version 1`);
    return null;
  }
  const name = readText(top.get("name"), "name", report, true);
  const description = readText(top.get("description"), "description", report, false);
  const seed = readSeed(top.get("seed"), report);
  const sweep = readSweep(top.get("workers"), report);
  const sweepEnvs = sweep.map((workers) => ({ workers, i: 0 }));
  const runFor = top.get("run_for");
  const runForNs = runFor ? readFixedNs(runFor.value, report) : null;
  const poolWorkers = readPool(top.get("pool"), sweepEnvs, report);
  const { resources, resourceIndex } = readResources(top.get("resources"), sweepEnvs, report);
  const brokenResources = new Set(declaredNames(top.get("resources")).filter((n) => !resourceIndex.has(n)));
  const processes = top.get("processes");
  const mainEntry = top.get("main");
  const templateNodes = readTemplateHeads(processes, report);
  if (mainEntry) templateNodes.push({ name: "main", at: mainEntry.keyAt, count: null, steps: mainEntry.value });
  if (templateNodes.length === 0) {
    report.error(START, "the profile has no processes; expected main: or processes: with at least one step list");
  }
  const templateIndex = new Map(templateNodes.map((t, i) => [t.name, i]));
  const templateNames = templateNodes.map((t) => t.name);
  const compiled = [];
  for (const head of templateNodes) {
    let count = { kind: "int", value: 1 };
    if (head.count) {
      const expr = readExpr(head.count.value, SCOPE_WORKERS, report, "the process count");
      if (expr && checkRange(expr, head.count.value.at, 0, LIMITS.processes, `the count of ${head.name}`, sweepEnvs, report, "processes")) count = expr;
    }
    const envs = head.name === "main" ? sweepEnvs : instanceEnvs(count, sweepEnvs);
    const ctx = { report, resources, resourceIndex, brokenResources, templateIndex, templateNames, envs, sweepEnvs };
    compiled.push({ head, count, steps: compileSteps(head.steps, ctx, head.name) });
  }
  checkSpawnCycles(compiled, templateNames, report);
  const expect = readExpect(top.get("expect"), resources, resourceIndex, sweepEnvs, report);
  if (report.count > 0 || !name) return null;
  const templates = compiled.map(({ head, count, steps }) => ({
    name: head.name,
    count,
    code: steps.code,
    slots: steps.slots,
    at: head.at
  }));
  const main = templateIndex.get("main") ?? null;
  return {
    version: 1,
    name,
    description: description ?? "",
    seed,
    sweep,
    runForNs,
    resources,
    templates,
    main,
    expect,
    poolWorkers
  };
}
function topLevel(root, report) {
  const top = /* @__PURE__ */ new Map();
  const known = TOP_LEVEL_KEYS;
  for (const e of root.entries) {
    if (!known.includes(e.key)) {
      report.error(e.keyAt, `unknown key ${show(e.key)} at the top level${didYouMean(e.key, known)}; expected ${oneOf(known)}`);
    } else top.set(e.key, e);
  }
  return top;
}
function readText(e, key, report, required) {
  if (!e) {
    if (required) report.error(START, `missing ${key}; expected \`${key}: ...\`, a title shown in the app and in reports`);
    return null;
  }
  const v = e.value;
  if (v.kind !== "scalar" || v.value === null || typeof v.value === "boolean") {
    report.error(v.at, `${key} should be text, found ${describe(v)}`);
    return null;
  }
  return String(v.value);
}
function readSeed(e, report) {
  if (!e) return 1;
  const v = e.value;
  if (v.kind !== "scalar" || typeof v.value !== "number" || !Number.isSafeInteger(v.value) || v.value < 0) {
    report.error(v.at, `seed should be a whole number >= 0, found ${describe(v)}`);
    return 1;
  }
  return v.value;
}
function readSweep(e, report) {
  if (!e) return DEFAULT_SWEEP;
  const v = e.value;
  if (v.kind !== "seq" || v.items.length === 0) {
    report.error(v.at, `workers should be a list of worker counts like [1, 2, 4], found ${describe(v)}`);
    return DEFAULT_SWEEP;
  }
  if (v.items.length > LIMITS.sweepLength) {
    report.error(v.at, `workers lists ${v.items.length} counts; the limit is ${LIMITS.sweepLength}`);
    return DEFAULT_SWEEP;
  }
  const sweep = [];
  for (const item of v.items) {
    if (item.kind !== "scalar" || typeof item.value !== "number" || !Number.isInteger(item.value) || item.value < 1) {
      report.error(item.at, `a worker count is a whole number >= 1, found ${describe(item)}`);
    } else if (item.value > LIMITS.workers) {
      report.error(item.at, `${item.value} workers is past the limit of ${LIMITS.workers}`);
    } else if (sweep.includes(item.value)) {
      report.error(item.at, `${item.value} is already in the sweep`);
    } else sweep.push(item.value);
  }
  return sweep.length ? sweep : DEFAULT_SWEEP;
}
function readPool(e, envs, report) {
  if (!e) return null;
  const v = e.value;
  const workers = v.kind === "map" && v.entries.length === 1 && v.entries[0].key === "workers" ? v.entries[0] : null;
  if (!workers) {
    report.error(v.at, `pool should be {workers: COUNT}, found ${describe(v)}`);
    return null;
  }
  const expr = readExpr(workers.value, SCOPE_WORKERS, report, "the pool size");
  if (!expr) return null;
  return checkRange(expr, workers.value.at, 1, LIMITS.workers, "the pool size", envs, report, "workers") ? expr : null;
}
function declaredNames(e) {
  return e && e.value.kind === "map" ? e.value.entries.map((r) => r.key) : [];
}
function readResources(e, envs, report) {
  const resources = [];
  const resourceIndex = /* @__PURE__ */ new Map();
  if (!e) return { resources, resourceIndex };
  const v = e.value;
  if (v.kind !== "map") {
    if (!(v.kind === "scalar" && v.value === null)) report.error(v.at, `resources should be a map of name to kind, like \`a: lock\`, found ${describe(v)}`);
    return { resources, resourceIndex };
  }
  if (v.entries.length > LIMITS.resources) {
    report.error(v.at, `${v.entries.length} resources; the limit is ${LIMITS.resources}`);
    return { resources, resourceIndex };
  }
  const declared = new Map(v.entries.map((r) => [r.key, r]));
  const add = (r) => {
    resources.push(r);
    resourceIndex.set(r.name, resources.length - 1);
    return resources.length - 1;
  };
  const conditions = [];
  for (const entry of v.entries) {
    if (!NAME.test(entry.key)) {
      report.error(entry.keyAt, `resource name ${show(entry.key)} should be a word of letters, digits and _ (not starting with a digit)`);
      continue;
    }
    const spec = readResourceSpec(entry, report);
    if (!spec) continue;
    const { kind, arg } = spec;
    const at = entry.keyAt;
    const name = entry.key;
    const sized = (what, min) => {
      const expr = arg ? readExpr(arg, SCOPE_WORKERS, report, what) : null;
      const ok = expr && checkRange(expr, arg.at, min, LIMITS.resourceSize, `${what} of ${name}`, envs, report, "resourceSize");
      return ok ? expr : { kind: "int", value: min };
    };
    switch (kind) {
      case "lock":
      case "rlock":
      case "event":
        add({ name, at, kind });
        break;
      case "semaphore":
      case "bounded_semaphore": {
        add({ name, at, kind, initial: sized("the initial value", 0) });
        break;
      }
      case "barrier": {
        add({ name, at, kind, parties: sized("the number of parties", 1) });
        break;
      }
      case "queue": {
        add({ name, at, kind, capacity: arg ? sized("the capacity", 1) : null });
        break;
      }
      case "array": {
        add({ name, at, kind, length: sized("the length", 1) });
        break;
      }
      case "value": {
        const initial = arg ? readExpr(arg, { workers: false, i: false }, report, "the initial value") : null;
        const ok = initial && checkRange(initial, arg.at, -LIMITS.int32, LIMITS.int32, `the initial value of ${name}`, envs, report);
        add({ name, at, kind, initial: ok ? evalExpr(initial, { workers: 1, i: 0 }) : 0 });
        break;
      }
      case "condition":
        conditions.push({ entry, lockNode: arg });
        break;
    }
  }
  for (const { entry, lockNode } of conditions) {
    if (!lockNode) {
      const at = entry.keyAt;
      const c = add({ name: entry.key, at, kind: "condition", lock: -1 });
      const lock2 = add({ name: `${entry.key}.lock`, at, kind: "rlock", implied: true });
      resources[c] = { name: entry.key, at, kind: "condition", lock: lock2 };
      continue;
    }
    const lockName = lockNode.kind === "scalar" ? lockNode.value : null;
    const lock = typeof lockName === "string" ? resourceIndex.get(lockName) : void 0;
    if (typeof lockName !== "string" || lock === void 0) {
      const locks = resources.filter((r) => r.kind === "lock" || r.kind === "rlock").map((r) => r.name);
      const why = typeof lockName === "string" && !declared.has(lockName) ? `undeclared lock ${show(lockName)}${didYouMean(lockName, locks)}` : `expected the name of a lock, found ${describe(lockNode)}`;
      report.error(lockNode.at, `condition ${entry.key}: ${why}`);
      continue;
    }
    const kind = resources[lock].kind;
    if (kind !== "lock" && kind !== "rlock") {
      report.error(
        lockNode.at,
        `condition ${entry.key} needs a lock or rlock, but ${lockName} is ${kind === "event" || kind === "array" ? "an" : "a"} ${kind}`
      );
      continue;
    }
    add({ name: entry.key, at: entry.keyAt, kind: "condition", lock });
  }
  return { resources, resourceIndex };
}
function readResourceSpec(entry, report) {
  const v = entry.value;
  let word;
  let arg = null;
  let at = v.at;
  if (v.kind === "scalar" && typeof v.value === "string") {
    word = v.value;
  } else if (v.kind === "map" && v.entries.length === 1) {
    word = v.entries[0].key;
    arg = v.entries[0].value;
    at = v.entries[0].keyAt;
  } else {
    report.error(v.at, `resource ${entry.key}: expected a kind (${RESOURCE_KINDS.join(", ")}) or a map like {semaphore: 3}, found ${describe(v)}`);
    return null;
  }
  const kind = RESOURCE_KINDS.find((k) => k === word);
  if (!kind) {
    report.error(at, `resource ${entry.key}: unknown kind ${show(word)}${didYouMean(word, RESOURCE_KINDS)}; expected ${oneOf(RESOURCE_KINDS)}`);
    return null;
  }
  const form = RESOURCE_WORDS[kind].form;
  if (arg && form === "bare") {
    report.error(at, `resource ${entry.key}: a ${kind} takes no argument; write \`${entry.key}: ${kind}\``);
    return null;
  }
  if (!arg && (form === "count" || form === "integer")) {
    const example = kind === "value" ? "{value: 0}" : kind === "array" ? "{array: 4}" : `{${kind}: 3}`;
    report.error(at, `resource ${entry.key}: a ${kind} needs an argument; write \`${entry.key}: ${example}\``);
    return null;
  }
  return { kind, arg };
}
function readTemplateHeads(e, report) {
  if (!e) return [];
  const v = e.value;
  if (v.kind !== "map") {
    report.error(v.at, `processes should be a map of template name to steps, found ${describe(v)}`);
    return [];
  }
  const heads = [];
  for (const entry of v.entries) {
    if (!NAME.test(entry.key) || entry.key === "main") {
      const why = entry.key === "main" ? "main is the top-level main process; name the template something else" : "a template name should be a word of letters, digits and _";
      report.error(entry.keyAt, `process ${show(entry.key)}: ${why}`);
      continue;
    }
    const body = entry.value;
    if (body.kind === "map") {
      let count = null;
      let steps = null;
      for (const part of body.entries) {
        if (part.key === "count") count = part;
        else if (part.key === "steps") steps = part;
        else
          report.error(part.keyAt, `unknown key ${show(part.key)} in process ${entry.key}${didYouMean(part.key, ["count", "steps"])}; expected count or steps`);
      }
      if (!steps) {
        report.error(entry.keyAt, `process ${entry.key} needs steps: (a list of steps)`);
        continue;
      }
      heads.push({ name: entry.key, at: entry.keyAt, count, steps: steps.value });
    } else {
      heads.push({ name: entry.key, at: entry.keyAt, count: null, steps: body });
    }
  }
  return heads;
}
function instanceEnvs(count, sweepEnvs) {
  const envs = [];
  for (const base of sweepEnvs) {
    const n = Math.max(1, evalExpr(count, base));
    const sample = /* @__PURE__ */ new Set();
    for (let i = 0; i < Math.min(n, 64); i++) sample.add(i);
    sample.add(n - 1);
    for (const i of sample) envs.push({ workers: base.workers, i });
  }
  return envs;
}
function checkSpawnCycles(compiled, names, report) {
  const state = new Array(compiled.length).fill("new");
  const path = [];
  const visit = (t) => {
    if (state[t] === "open") {
      const cycle = [...path.slice(path.indexOf(t)), t].map((i) => names[i]).join(" \u2192 ");
      const spawn = compiled[path[path.length - 1]].steps.spawns.find((s) => s.t === t);
      report.error(spawn.at, `process templates spawn each other in a cycle (${cycle}), which would start processes without end`);
      return true;
    }
    if (state[t] === "done") return false;
    state[t] = "open";
    path.push(t);
    for (const s of compiled[t].steps.spawns) if (visit(s.t)) return true;
    path.pop();
    state[t] = "done";
    return false;
  };
  for (let t = 0; t < compiled.length; t++) if (visit(t)) return;
}
function readExpect(e, resources, index, envs, report) {
  if (!e) return [];
  const v = e.value;
  if (v.kind !== "map") {
    report.error(v.at, `expect should be a map of shared value name to the value it must hold at the end, found ${describe(v)}`);
    return [];
  }
  const out = [];
  const whole = (n) => {
    if (n.kind === "scalar" && typeof n.value === "number" && Number.isInteger(n.value) && Math.abs(n.value) <= LIMITS.int32) return n.value;
    report.error(n.at, `expected a whole number (a 32-bit integer), found ${describe(n)}`);
    return null;
  };
  for (const entry of v.entries) {
    const r = index.get(entry.key);
    const values = resources.filter((x) => x.kind === "value" || x.kind === "array").map((x) => x.name);
    if (r === void 0) {
      report.error(entry.keyAt, `expect: undeclared shared value ${show(entry.key)}${didYouMean(entry.key, values)}`);
      continue;
    }
    const resource = resources[r];
    if (resource.kind === "value") {
      const value = whole(entry.value);
      if (value !== null) out.push({ r, value, at: entry.keyAt });
    } else if (resource.kind === "array") {
      const list = entry.value;
      if (list.kind !== "seq") {
        report.error(list.at, `expect: ${entry.key} is an array; give a list with a value per slot`);
        continue;
      }
      const lengths = new Set(envs.map((env) => evalExpr(resource.length, env)));
      if (lengths.size !== 1 || !lengths.has(list.items.length)) {
        report.error(list.at, `expect: ${entry.key} has ${[...lengths].join(" or ")} slots, but the list has ${list.items.length}`);
        continue;
      }
      const value = list.items.map(whole);
      if (value.every((x) => x !== null)) out.push({ r, value, at: entry.keyAt });
    } else {
      report.error(entry.keyAt, `expect: ${entry.key} is a ${resource.kind}; only shared values and arrays have a final value to check`);
    }
  }
  return out;
}

// simulator/profile/work-estimate.ts
var Unknowable = class extends Error {
};
function estimateWork(program) {
  const env = { workers: 1, i: 0 };
  try {
    const total = { serial: 0, parallel: 0 };
    if (program.main !== null) {
      addInto(total, templateWork(program, program.main, env, true));
    } else {
      const spawned = new Set(program.templates.flatMap((t) => t.code.flatMap((c) => c.op === "spawn" ? [c.t] : [])));
      program.templates.forEach((t, index) => {
        if (!spawned.has(index)) addInto(total, instancesWork(program, index, evalExpr(t.count, env), env));
      });
    }
    const sum = total.serial + total.parallel;
    if (sum === 0) return { known: false, reason: "the profile declares no compute" };
    return { known: true, serialNs: total.serial, parallelNs: total.parallel, serialFraction: total.serial / sum };
  } catch (e) {
    if (e instanceof Unknowable) return { known: false, reason: e.message };
    throw e;
  }
}
function addInto(into, s, times = 1) {
  into.serial += s.serial * times;
  into.parallel += s.parallel * times;
}
function instancesWork(program, t, n, env) {
  const template = program.templates[t];
  const perInstance = template.code.some(readsI);
  const out = { serial: 0, parallel: 0 };
  if (!perInstance) addInto(out, templateWork(program, t, { workers: env.workers, i: 0 }, false), n);
  else for (let i = 0; i < n; i++) addInto(out, templateWork(program, t, { workers: env.workers, i }, false));
  return out;
}
function readsI(instr) {
  const count = (c) => c !== null && c !== "auto" && c.kind === "expr" && readsVar(c.expr, "i");
  switch (instr.op) {
    case "loop":
      return instr.bound.kind === "count" && count(instr.bound.count);
    case "spawn":
      return count(instr.count);
    case "pool":
      return count(instr.items);
    default:
      return false;
  }
}
function templateWork(program, t, env, isMain) {
  const code = program.templates[t].code;
  let held = 0;
  const walk = (from, to) => {
    const out = { serial: 0, parallel: 0 };
    for (let pc = from; pc < to; pc++) {
      const instr = code[pc];
      switch (instr.op) {
        case "compute":
          if (isMain || held > 0) out.serial += meanNs(instr.d);
          else out.parallel += meanNs(instr.d);
          break;
        case "acquire":
        case "release": {
          const kind = program.resources[instr.r].kind;
          if (kind === "lock" || kind === "rlock") held += instr.op === "acquire" ? 1 : -1;
          break;
        }
        case "loop": {
          const bound = instr.bound;
          if (code.slice(pc + 1, instr.end).some((c) => c.op === "get" && c.until)) {
            throw new Unknowable("a repeat ends when a queue item arrives, so the work depends on timing");
          }
          if (bound.kind !== "count") {
            throw new Unknowable(
              bound.kind === "forever" ? "a repeat runs forever, so the work depends on timing" : "a repeat runs while an event is set, so the work depends on timing"
            );
          }
          addInto(out, walk(pc + 1, instr.end - 1), meanCount(bound.count, env));
          pc = instr.end - 1;
          break;
        }
        case "spawn": {
          const n = instr.count ? meanCount(instr.count, env) : evalExpr(program.templates[instr.t].count, env);
          addInto(out, instancesWork(program, instr.t, n, env));
          break;
        }
        case "pool":
          out.parallel += meanCount(instr.items, env) * meanNs(instr.cost);
          break;
        case "apply_async":
          out.parallel += instr.costs.reduce((sum, d) => sum + meanNs(d), 0);
          break;
        default:
          break;
      }
    }
    return out;
  };
  return walk(0, code.length);
}
function amdahlSpeedup(f, n) {
  return 1 / (f + (1 - f) / n);
}

// simulator/profile/describe-program.ts
function describeProgram(program) {
  const spawned = new Set(program.templates.flatMap((t) => t.code.flatMap((c) => c.op === "spawn" ? [c.t] : [])));
  const processes = program.templates.map((t, index) => ({
    name: t.name,
    count: overSweep(t.count, program.sweep),
    starts: index === program.main ? "main" : program.main === null && !spawned.has(index) ? "at start" : "when spawned",
    steps: t.code.filter((c) => c.op !== "next").length
  }));
  const resources = program.resources.filter((r) => !r.implied).map((r) => ({ name: r.name, kind: r.kind, detail: detail(r, program) }));
  return {
    name: program.name,
    description: program.description,
    sweep: program.sweep,
    seed: program.seed,
    runForNs: program.runForNs,
    processes,
    resources,
    steps: processes.reduce((sum, p) => sum + p.steps, 0),
    work: estimateWork(program)
  };
}
function overSweep(e, sweep) {
  const values = sweep.map((workers) => evalExpr(e, { workers, i: 0 }));
  return new Set(values).size === 1 ? String(values[0]) : values.join("/");
}
function detail(r, program) {
  switch (r.kind) {
    case "semaphore":
    case "bounded_semaphore":
      return `initial ${overSweep(r.initial, program.sweep)}`;
    case "barrier":
      return `${overSweep(r.parties, program.sweep)} parties`;
    case "queue":
      return r.capacity ? `holds ${overSweep(r.capacity, program.sweep)}` : "unbounded";
    case "value":
      return `starts at ${r.initial}`;
    case "array":
      return `${overSweep(r.length, program.sweep)} slots`;
    case "condition":
      return `with ${program.resources[r.lock].implied ? "its own rlock" : `lock ${program.resources[r.lock].name}`}`;
    case "lock":
    case "rlock":
    case "event":
      return "";
  }
}

// simulator/profile/schema.ts
var ref = (name) => ({ $ref: `#/definitions/${name}` });
var DURATION_PATTERN = `^\\s*(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?\\s*(${DURATION_UNITS.join("|")})\\s*$`;
function profileSchema() {
  const distributions = {
    uniform: { type: "array", items: ref("fixedDuration"), minItems: 2, maxItems: 2, description: "[low, high]" },
    exponential: { ...ref("fixedDuration"), description: "the mean" },
    normal: { type: "array", items: ref("fixedDuration"), minItems: 2, maxItems: 2, description: "[mean, standard deviation], cut at zero" }
  };
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://interleave.dev/schema/profile-v1.json",
    title: "Interleave workload profile, version 1",
    type: "object",
    required: ["version", "name"],
    additionalProperties: false,
    properties: topLevel2(),
    definitions: {
      fixedDuration: { type: "string", pattern: DURATION_PATTERN, description: "a number with a unit: 250ns, 40us, 1.5ms, 2s" },
      duration: {
        anyOf: [
          ref("fixedDuration"),
          ...DISTRIBUTIONS.map((d) => ({ type: "object", required: [d], additionalProperties: false, properties: { [d]: distributions[d] } }))
        ]
      },
      expression: {
        type: "string",
        pattern: "^[\\s\\d$a-z_()+\\-*/]+$",
        maxLength: LIMITS.exprChars,
        description: "integers, $workers, $i, + - * / (integer division) and parentheses"
      },
      count: {
        anyOf: [
          { type: "integer" },
          ref("expression"),
          {
            type: "object",
            required: ["geometric"],
            additionalProperties: false,
            properties: { geometric: { type: "number", exclusiveMinimum: 0, maximum: 1 } }
          }
        ]
      },
      integer: { anyOf: [{ type: "integer" }, ref("expression")] },
      scalar: { type: ["string", "number", "boolean"] },
      name: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_]*$" },
      target: { type: "string", pattern: "^\\s*[A-Za-z_]\\w*\\s*(\\[.*\\])?\\s*$", description: "a value name, or array[index]" },
      resource: { anyOf: resourceForms() },
      step: { anyOf: stepForms() },
      steps: { type: "array", items: ref("step") },
      pool: {
        type: "object",
        additionalProperties: false,
        required: Object.entries(POOL_KEYS).filter(([, m]) => m.required).map(([k]) => k),
        properties: Object.fromEntries(
          Object.entries(POOL_KEYS).map(([k, m]) => [
            k,
            k === "chunksize" ? { anyOf: [{ const: "auto" }, ref("count")], description: m.summary } : modifierSchema(m)
          ])
        )
      }
    }
  };
}
function topLevel2() {
  return {
    version: { const: 1, description: "the format version" },
    name: { type: "string", description: "a title shown in the app and in reports" },
    description: { type: "string" },
    seed: { type: "integer", minimum: 0, description: "seed for every random draw (default 1)" },
    workers: {
      type: "array",
      items: { type: "integer", minimum: 1, maximum: LIMITS.workers },
      minItems: 1,
      maxItems: LIMITS.sweepLength,
      uniqueItems: true,
      description: "the sweep of worker counts, each bound to $workers in turn (default [1, 2, 4])"
    },
    run_for: { ...ref("fixedDuration"), description: "programs with forever loops stop here" },
    resources: { type: "object", propertyNames: ref("name"), additionalProperties: ref("resource") },
    main: { ...ref("steps"), description: "steps of the main process" },
    processes: {
      type: "object",
      propertyNames: { allOf: [ref("name"), { not: { const: "main" } }] },
      additionalProperties: {
        anyOf: [ref("steps"), { type: "object", required: ["steps"], additionalProperties: false, properties: { count: ref("integer"), steps: ref("steps") } }]
      }
    },
    expect: {
      type: "object",
      additionalProperties: { anyOf: [{ type: "integer" }, { type: "array", items: { type: "integer" } }] },
      description: "shared value name to the value it must hold at the end"
    },
    pool: { type: "object", required: ["workers"], additionalProperties: false, properties: { workers: ref("integer") } }
  };
}
function resourceForms() {
  const byForm = (form, kind) => {
    const summary = RESOURCE_WORDS[kind].summary;
    const bare = { const: kind, description: summary };
    const withArg = (arg) => ({ type: "object", required: [kind], additionalProperties: false, properties: { [kind]: arg }, description: summary });
    switch (form) {
      case "bare":
        return [bare];
      case "bare-or-count":
        return [bare, withArg(ref("integer"))];
      case "count":
        return [withArg(ref("integer"))];
      case "bare-or-lock":
        return [bare, withArg(ref("name"))];
      case "integer":
        return [withArg({ type: "integer" })];
    }
  };
  return Object.keys(RESOURCE_WORDS).flatMap((kind) => byForm(RESOURCE_WORDS[kind].form, kind));
}
function operandSchema(operand) {
  switch (operand.type) {
    case "duration":
      return ref("duration");
    case "resource":
      return { ...ref("name"), description: `the name of a declared ${operand.kinds.join(", ")}` };
    case "target":
      return ref("target");
    case "template":
      return ref("name");
    case "repeat":
      return {
        anyOf: [
          ref("count"),
          { const: "forever" },
          { type: "object", required: ["while_set"], additionalProperties: false, properties: { while_set: ref("name") } }
        ]
      };
    case "pool":
      return ref("pool");
    case "durations":
      return { type: "array", items: ref("duration"), minItems: 1, maxItems: LIMITS.applyAsyncTasks };
    case "none":
      return { type: "null" };
  }
}
function modifierSchema(m) {
  const base = {
    duration: ref("duration"),
    count: ref("count"),
    integer: ref("integer"),
    scalar: ref("scalar"),
    steps: ref("steps")
  };
  return { ...base[m.type], description: m.summary };
}
function stepForms() {
  const forms = [];
  for (const [verb, word] of Object.entries(VERBS)) {
    if (word.operand.type === "none") forms.push({ const: verb, description: word.summary });
    const properties = { [verb]: { ...operandSchema(word.operand), description: word.summary } };
    for (const [name, m] of Object.entries(word.modifiers)) properties[name] = modifierSchema(m);
    const required = [
      verb,
      ...Object.entries(word.modifiers).filter(([, m]) => m.required).map(([k]) => k)
    ];
    forms.push({ type: "object", required, additionalProperties: false, properties });
  }
  return forms;
}

// simulator/engine/cost-model.ts
var COST_FIELDS = ["spawnNs", "dispatchNs", "byteNs", "lockNs", "wakeNs", "queueNs", "valueNs"];
var NO_OVERHEADS = {
  name: "none",
  source: "an ideal machine: every overhead is zero",
  spawnNs: 0,
  dispatchNs: 0,
  byteNs: 0,
  lockNs: 0,
  wakeNs: 0,
  queueNs: 0,
  valueNs: 0
};
var DEFAULT_OVERHEADS = {
  name: "default",
  source: "typical of a 2-vCPU Linux machine with worker threads (shared/anchors/README.md)",
  spawnNs: 22e6,
  dispatchNs: 2500,
  byteNs: 1,
  lockNs: 10,
  wakeNs: 2e4,
  queueNs: 2e3,
  valueNs: 20
};
function parseCostModel(text, file) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return `${file}: not JSON: ${e.message}`;
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return `${file}: expected a JSON object with ${COST_FIELDS.join(", ")}`;
  const record = data;
  const out = {
    name: typeof record.name === "string" ? record.name : file,
    source: typeof record.source === "string" ? record.source : `cost model file ${file}`
  };
  for (const field of COST_FIELDS) {
    const v = record[field];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 36e11) {
      return `${file}: ${field} should be a number of nanoseconds from 0 to 3.6e12, found ${JSON.stringify(v)}`;
    }
    out[field] = Math.round(v);
  }
  const unknown = Object.keys(record).filter((k) => k !== "name" && k !== "source" && !COST_FIELDS.includes(k) && k !== "measured_at");
  if (unknown.length) return `${file}: unknown field ${unknown[0]}; expected ${COST_FIELDS.join(", ")}`;
  return out;
}

// simulator/trace/trace-format.ts
var TRACE_VERSION = 1;
var PROCESS_STATES = ["running", "ready", "blocked", "sleeping"];
var TraceRecorder = class {
  constructor(cap) {
    this.cap = cap;
  }
  cap;
  spans = [];
  ops = [];
  dropped = 0;
  span(process, state, start, end, resource) {
    if (end <= start) return;
    if (this.spans.length + this.ops.length >= this.cap) this.dropped++;
    else this.spans.push([process, state, start, end, resource]);
  }
  op(time, process, op, resource, other) {
    if (this.spans.length + this.ops.length >= this.cap) this.dropped++;
    else this.ops.push([time, process, op, resource, other]);
  }
};

// simulator/engine/sim-process.ts
var READY = 1;
var RUNNING = 0;
var BLOCKED = 2;
var SLEEPING = 3;
var DONE = 4;
var PHASE_START = 0;
var PHASE_WOKEN = 1;
var PHASE_TIMED_OUT = 2;
var PHASE_WRITE = 3;
var SimProcess = class {
  constructor(id, name, template, code, env, slots, parent) {
    this.id = id;
    this.name = name;
    this.template = template;
    this.code = code;
    this.env = env;
    this.parent = parent;
    this.loops = new Array(slots).fill(0);
  }
  id;
  name;
  template;
  code;
  env;
  parent;
  pc = 0;
  phase = PHASE_START;
  /** Loop counters, one slot per nesting depth. */
  loops;
  /** The next default item this process puts on a queue. */
  putNext = 0;
  state = READY;
  stateSince = 0;
  stateResource = -1;
  /** Bumped at every wake-up: a timeout event with an older token is stale. */
  token = 0;
  hasCore = false;
  /** Nanoseconds of the current compute (or overhead) still to run. */
  remaining = 0;
  sliceLength = 0;
  /** What is left of its time slice since it last got a core. */
  quantumLeft = 0;
  /** Scratch for multi-phase steps: the value read by an increment, an item, an rlock's count. */
  scratch = 0;
  /** When it started waiting, for wait statistics. */
  waitSince = 0;
  waiting = null;
  /** Locks and rlocks held, in the order taken (for lock-order edges). */
  heldLocks = [];
  /** Per template, the instances this process spawned. */
  children = /* @__PURE__ */ new Map();
  /** Pool tasks this process submitted with apply_async and not yet done. */
  outstandingAsync = 0;
  /** Tasks of the blocking pool call in progress. */
  outstandingCall = 0;
  /** An rlock's count to restore when a condition wait gets its lock back. */
  savedCount = 1;
  /** The phase a condition wait resumes with once it has its lock back. */
  pendingPhase = PHASE_START;
  /** The chunk a pool worker is running. */
  poolTask = null;
  /** Why it ended early (misuse), or null. */
  died = null;
  /** Part of a reported deadlock: not reported again. */
  deadlocked = false;
  /** Time in each state (indices as above), and blocked time per resource. */
  timeIn = [0, 0, 0, 0];
  blockedOn = /* @__PURE__ */ new Map();
  get isPoolWorker() {
    return this.template < 0;
  }
};

// simulator/engine/barrier.ts
var createBarrier = (parties) => ({ kind: "barrier", parties, waiting: [], broken: false });
function acquireBarrierWait(engine, p, ins) {
  const s = engine.res[ins.r];
  const name = engine.program.resources[ins.r].name;
  if (p.phase === PHASE_WOKEN) {
    p.phase = PHASE_START;
    p.pc++;
    return true;
  }
  if (p.phase === PHASE_TIMED_OUT || s.broken) {
    p.phase = PHASE_START;
    engine.misuse(p, ins.r, `waited at barrier ${name}, which is broken because a wait timed out (Python raises BrokenBarrierError)`, ins);
    return false;
  }
  s.waiting.push(p);
  if (s.waiting.length >= s.parties) {
    engine.trace?.op(engine.now, p.id, "barrier", ins.r, -1);
    for (const w of s.waiting.splice(0)) if (w !== p) engine.wake(w, PHASE_WOKEN, p);
    p.pc++;
    return true;
  }
  engine.block(p, engine.waitOn[ins.r], ins.r, ins.timeout ? engine.duration(ins.timeout) : null);
  return false;
}

// simulator/engine/fifo.ts
var Fifo = class {
  items = [];
  head = 0;
  get length() {
    return this.items.length - this.head;
  }
  push(item) {
    this.items.push(item);
  }
  shift() {
    if (this.head >= this.items.length) return void 0;
    const item = this.items[this.head];
    this.items[this.head++] = void 0;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
  peek() {
    return this.items[this.head];
  }
  /** Removes one item (a waiter that timed out); O(n), rare. */
  remove(item) {
    const i = this.items.indexOf(item, this.head);
    if (i < 0) return false;
    this.items.splice(i, 1);
    return true;
  }
  toArray() {
    return this.items.slice(this.head);
  }
};

// simulator/engine/lock.ts
var newStats = () => ({ acquisitions: 0, contended: 0, waitNs: 0, maxWaitNs: 0, holdNs: 0 });
function createLock(kind) {
  return { kind, owner: null, count: 0, acquiredAt: 0, waiters: new Fifo(), stats: newStats() };
}
function takeLock(engine, s, p, r, count, waitedNs, line) {
  engine.noteLockOrder(p, r, line);
  s.owner = p;
  s.count = count;
  s.acquiredAt = engine.now;
  s.stats.acquisitions++;
  if (waitedNs > 0) {
    s.stats.contended++;
    s.stats.waitNs += waitedNs;
    if (waitedNs > s.stats.maxWaitNs) s.stats.maxWaitNs = waitedNs;
  }
  p.heldLocks.push(r);
  engine.trace?.op(engine.now, p.id, "acquire", r, -1);
}
function lockCost(engine, p) {
  const ns = engine.cost.lockNs;
  if (ns <= 0) return true;
  engine.startBusy(p, ns);
  return false;
}
function acquireLock(engine, p, ins) {
  const s = engine.res[ins.r];
  if (p.phase === PHASE_WOKEN) {
    p.phase = PHASE_START;
    p.pc++;
    return lockCost(engine, p);
  }
  if (p.phase === PHASE_TIMED_OUT) {
    p.phase = PHASE_START;
    p.pc++;
    return true;
  }
  if (s.owner === null) {
    takeLock(engine, s, p, ins.r, 1, 0, ins.at.line);
    p.pc++;
    return lockCost(engine, p);
  }
  if (s.kind === "rlock" && s.owner === p) {
    s.count++;
    p.pc++;
    return lockCost(engine, p);
  }
  s.waiters.push(p);
  engine.block(p, engine.waitOn[ins.r], ins.r, ins.timeout ? engine.duration(ins.timeout) : null);
  return false;
}
function releaseFully(engine, s, p, r) {
  s.stats.holdNs += engine.now - s.acquiredAt;
  const held = p.heldLocks.lastIndexOf(r);
  if (held >= 0) p.heldLocks.splice(held, 1);
  s.owner = null;
  s.count = 0;
  engine.trace?.op(engine.now, p.id, "release", r, -1);
  const next = s.waiters.shift();
  if (!next) return;
  const line = next.code[next.pc]?.at.line ?? 0;
  if (next.waiting?.kind === "reacquire") {
    takeLock(engine, s, next, r, next.savedCount, engine.now - next.waitSince, line);
    engine.wake(next, next.pendingPhase, p);
  } else {
    takeLock(engine, s, next, r, 1, engine.now - next.waitSince, line);
    engine.wake(next, PHASE_WOKEN, p);
  }
}
function releaseLock(engine, p, ins) {
  const s = engine.res[ins.r];
  const name = engine.program.resources[ins.r].name;
  if (s.owner === null) {
    engine.misuse(p, ins.r, `released ${s.kind} ${name}, which is not held (Python raises ValueError)`, ins);
    return false;
  }
  if (s.owner !== p) {
    if (s.kind === "rlock") {
      engine.misuse(p, ins.r, `released rlock ${name}, held by ${s.owner.name} (Python raises RuntimeError)`, ins);
      return false;
    }
    engine.findings.push({
      kind: "misuse",
      workers: engine.workers,
      process: p.name,
      resource: name,
      what: `released lock ${name}, held by ${s.owner.name}`,
      at_ms: engine.now / 1e6,
      line: ins.at.line
    });
    const owner = s.owner;
    s.owner = p;
    owner.heldLocks.splice(owner.heldLocks.lastIndexOf(ins.r), 1);
    p.heldLocks.push(ins.r);
  }
  if (s.kind === "rlock" && s.count > 1) {
    s.count--;
    p.pc++;
    return lockCost(engine, p);
  }
  releaseFully(engine, s, p, ins.r);
  p.pc++;
  return lockCost(engine, p);
}

// simulator/engine/condition.ts
var createCondition = (lock) => ({ kind: "condition", lock, waiters: new Fifo() });
function conditionWait(engine, p, ins) {
  const s = engine.res[ins.r];
  if (p.phase === PHASE_WOKEN || p.phase === PHASE_TIMED_OUT) {
    p.phase = PHASE_START;
    p.pc++;
    return true;
  }
  const lock = engine.res[s.lock];
  if (lock.owner !== p) {
    const name = engine.program.resources[ins.r].name;
    engine.misuse(p, ins.r, `waited on condition ${name} without holding its lock (Python raises RuntimeError)`, ins);
    return false;
  }
  p.savedCount = lock.count;
  releaseFully(engine, lock, p, s.lock);
  s.waiters.push(p);
  engine.block(p, engine.waitOn[ins.r], ins.r, ins.timeout ? engine.duration(ins.timeout) : null);
  return false;
}
function conditionNotify(engine, p, ins) {
  const s = engine.res[ins.r];
  const lock = engine.res[s.lock];
  if (lock.owner !== p) {
    const name = engine.program.resources[ins.r].name;
    engine.misuse(p, ins.r, `notified condition ${name} without holding its lock (Python raises RuntimeError)`, ins);
    return false;
  }
  const n = ins.op === "notify_all" ? s.waiters.length : ins.n ? engine.count(ins.n, p) : 1;
  engine.trace?.op(engine.now, p.id, ins.op, ins.r, -1);
  for (let k = 0; k < n && s.waiters.length > 0; k++) toReacquire(engine, s.waiters.shift(), ins.r, PHASE_WOKEN, p);
  p.pc++;
  return true;
}
function toReacquire(engine, w, r, phase, by) {
  const s = engine.res[r];
  const lock = engine.res[s.lock];
  w.token++;
  if (lock.owner === null) {
    takeLock(engine, lock, w, s.lock, w.savedCount, 0, w.code[w.pc]?.at.line ?? 0);
    engine.wake(w, phase, by);
    return;
  }
  w.pendingPhase = phase;
  w.waiting = { kind: "reacquire", r, lock: s.lock };
  w.waitSince = engine.now;
  engine.setState(w, BLOCKED, s.lock);
  lock.waiters.push(w);
}
function conditionTimeout(engine, p, r) {
  const s = engine.res[r];
  s.waiters.remove(p);
  engine.trace?.op(engine.now, p.id, "timeout", r, -1);
  toReacquire(engine, p, r, PHASE_TIMED_OUT, null);
}

// simulator/engine/event.ts
var createEvent = () => ({ kind: "event", set: false, waiters: [] });
function eventWait(engine, p, ins) {
  const s = engine.res[ins.r];
  if (p.phase !== PHASE_START || s.set) {
    p.phase = PHASE_START;
    p.pc++;
    return true;
  }
  s.waiters.push(p);
  engine.block(p, engine.waitOn[ins.r], ins.r, ins.timeout ? engine.duration(ins.timeout) : null);
  return false;
}
function eventSet(engine, p, r) {
  const s = engine.res[r];
  s.set = true;
  engine.trace?.op(engine.now, p.id, "set", r, -1);
  for (const w of s.waiters.splice(0)) engine.wake(w, PHASE_WOKEN, p);
}
function eventClear(engine, p, r) {
  engine.res[r].set = false;
  engine.trace?.op(engine.now, p.id, "clear", r, -1);
}

// simulator/engine/event-queue.ts
var EventQueue = class {
  time = new Float64Array(1024);
  order = new Float64Array(1024);
  // priority * 2^40 + sequence
  kind = new Uint8Array(1024);
  target = new Int32Array(1024);
  token = new Int32Array(1024);
  size = 0;
  sequence = 0;
  get length() {
    return this.size;
  }
  push(time, priority, kind, target, token) {
    if (this.size === this.time.length) this.grow();
    let i = this.size++;
    const order = priority * 1099511627776 + this.sequence++;
    while (i > 0) {
      const parent = i - 1 >> 1;
      if (this.time[parent] < time || this.time[parent] === time && this.order[parent] < order) break;
      this.move(parent, i);
      i = parent;
    }
    this.time[i] = time;
    this.order[i] = order;
    this.kind[i] = kind;
    this.target[i] = target;
    this.token[i] = token;
  }
  /** The earliest event's fields, valid until the next push or pop. */
  peekTime() {
    return this.time[0];
  }
  /** Removes the earliest event into `out`; false when empty. */
  pop(out) {
    if (this.size === 0) return false;
    out.time = this.time[0];
    out.kind = this.kind[0];
    out.target = this.target[0];
    out.token = this.token[0];
    const last = --this.size;
    if (last === 0) return true;
    const time = this.time[last];
    const order = this.order[last];
    const kind = this.kind[last];
    const target = this.target[last];
    const token = this.token[last];
    let i = 0;
    for (; ; ) {
      const left = 2 * i + 1;
      if (left >= last) break;
      const right = left + 1;
      let child = left;
      if (right < last && (this.time[right] < this.time[left] || this.time[right] === this.time[left] && this.order[right] < this.order[left]))
        child = right;
      if (time < this.time[child] || time === this.time[child] && order < this.order[child]) break;
      this.move(child, i);
      i = child;
    }
    this.time[i] = time;
    this.order[i] = order;
    this.kind[i] = kind;
    this.target[i] = target;
    this.token[i] = token;
    return true;
  }
  move(from, to) {
    this.time[to] = this.time[from];
    this.order[to] = this.order[from];
    this.kind[to] = this.kind[from];
    this.target[to] = this.target[from];
    this.token[to] = this.token[from];
  }
  grow() {
    const n = this.time.length * 2;
    const grow = (a, make) => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.time = grow(this.time, (k) => new Float64Array(k));
    this.order = grow(this.order, (k) => new Float64Array(k));
    this.kind = grow(this.kind, (k) => new Uint8Array(k));
    this.target = grow(this.target, (k) => new Int32Array(k));
    this.token = grow(this.token, (k) => new Int32Array(k));
  }
};

// simulator/engine/pool.ts
function ensurePool(engine) {
  if (engine.pool) return engine.pool;
  const program = engine.program;
  const size = program.poolWorkers ? evalExpr(program.poolWorkers, { workers: engine.workers, i: 0 }) : engine.workers;
  const pool = { size, workers: [], idle: new Fifo(), tasks: new Fifo(), chunks: 0, items: 0 };
  engine.pool = pool;
  for (let i = 0; i < size; i++) pool.workers.push(engine.startPoolWorker(i, engine.cost.spawnNs));
  return pool;
}
function autoChunksize(items, workers) {
  if (items === 0) return 0;
  return Math.ceil(items / (4 * workers));
}
function submit(engine, pool, task) {
  pool.tasks.push(task);
  pool.chunks++;
  pool.items += task.items;
  const worker = pool.idle.shift();
  if (worker) engine.wake(worker, PHASE_WOKEN, task.owner);
}
function poolCall(engine, p, ins) {
  if (p.phase === PHASE_WOKEN) {
    p.phase = PHASE_START;
    p.pc++;
    return true;
  }
  const pool = ensurePool(engine);
  const items = engine.count(ins.items, p);
  const chunksize = ins.chunksize === "auto" ? autoChunksize(items, pool.size) : Math.max(1, engine.count(ins.chunksize, p));
  if (items === 0) {
    p.pc++;
    return true;
  }
  const bytesPerItem = (ins.argBytes ? engine.count(ins.argBytes, p) : 0) + (ins.resultBytes ? engine.count(ins.resultBytes, p) : 0);
  engine.trace?.op(engine.now, p.id, ins.call, -1, -1);
  p.outstandingCall = Math.ceil(items / chunksize);
  for (let start = 0; start < items; start += chunksize) {
    submit(engine, pool, { owner: p, items: Math.min(chunksize, items - start), cost: ins.cost, bytesPerItem, async: false });
  }
  engine.block(p, { kind: "pool" }, -1, null);
  return false;
}
function applyAsync(engine, p, ins) {
  const pool = ensurePool(engine);
  engine.trace?.op(engine.now, p.id, "apply_async", -1, -1);
  for (const cost of ins.costs) {
    p.outstandingAsync++;
    submit(engine, pool, { owner: p, items: 1, cost, bytesPerItem: 0, async: true });
  }
}
function waitPool(engine, p) {
  if (p.phase === PHASE_WOKEN || p.outstandingAsync === 0) {
    p.phase = PHASE_START;
    p.pc++;
    return true;
  }
  engine.block(p, { kind: "pool" }, -1, null);
  return false;
}
function runPoolWorker(engine, w) {
  const pool = engine.pool;
  for (; ; ) {
    const done = w.poolTask;
    if (done) {
      w.poolTask = null;
      complete(engine, done, w);
    }
    const task = pool.tasks.shift();
    if (!task) {
      pool.idle.push(w);
      engine.block(w, { kind: "pool-idle" }, -1, null);
      return;
    }
    w.poolTask = task;
    let ns = engine.cost.dispatchNs + task.items * task.bytesPerItem * engine.cost.byteNs;
    for (let k = 0; k < task.items; k++) ns += engine.duration(task.cost);
    if (ns > 0) {
      engine.startBusy(w, ns);
      return;
    }
  }
}
function complete(engine, task, w) {
  const owner = task.owner;
  const waitingOnPool = owner.state === BLOCKED && owner.waiting?.kind === "pool";
  if (task.async) {
    owner.outstandingAsync--;
    if (owner.outstandingAsync === 0 && waitingOnPool && owner.code[owner.pc]?.op === "wait_pool") engine.wake(owner, PHASE_WOKEN, w);
  } else {
    owner.outstandingCall--;
    if (owner.outstandingCall === 0 && waitingOnPool) engine.wake(owner, PHASE_WOKEN, w);
  }
}

// simulator/engine/queue.ts
var createQueue = (capacity) => ({
  kind: "queue",
  items: new Fifo(),
  capacity,
  getters: new Fifo(),
  putters: new Fifo(),
  puts: 0,
  gets: 0
});
function queueCost(engine, p) {
  const ns = engine.cost.queueNs;
  if (ns <= 0) return true;
  engine.startBusy(p, ns);
  return false;
}
function queuePut(engine, p, ins) {
  const s = engine.res[ins.r];
  if (p.phase === PHASE_WOKEN || p.phase === PHASE_TIMED_OUT) {
    const put = p.phase === PHASE_WOKEN;
    p.phase = PHASE_START;
    p.pc++;
    return put ? queueCost(engine, p) : true;
  }
  const item = ins.item ?? p.putNext++;
  s.puts++;
  engine.trace?.op(engine.now, p.id, "put", ins.r, -1);
  const getter = s.getters.shift();
  if (getter) {
    getter.scratch = item;
    engine.wake(getter, PHASE_WOKEN, p);
  } else if (s.capacity === null || s.items.length < s.capacity) {
    s.items.push(item);
  } else {
    p.scratch = item;
    s.putters.push(p);
    engine.block(p, engine.waitOn[ins.r], ins.r, ins.timeout ? engine.duration(ins.timeout) : null);
    return false;
  }
  p.pc++;
  return queueCost(engine, p);
}
function queueGet(engine, p, ins) {
  const s = engine.res[ins.r];
  if (p.phase === PHASE_TIMED_OUT) {
    p.phase = PHASE_START;
    p.pc++;
    return true;
  }
  let item;
  if (p.phase === PHASE_WOKEN) {
    item = p.scratch;
  } else if (s.items.length > 0) {
    item = s.items.shift();
    const putter = s.putters.shift();
    if (putter) {
      s.items.push(putter.scratch);
      engine.wake(putter, PHASE_WOKEN, p);
    }
  } else {
    s.getters.push(p);
    engine.block(p, engine.waitOn[ins.r], ins.r, ins.timeout ? engine.duration(ins.timeout) : null);
    return false;
  }
  s.gets++;
  engine.trace?.op(engine.now, p.id, "get", ins.r, -1);
  p.phase = PHASE_START;
  p.pc = ins.until && item === ins.until.item ? ins.until.exit : p.pc + 1;
  return queueCost(engine, p);
}

// simulator/engine/random.ts
var Random = class {
  a;
  b;
  c;
  d;
  constructor(seed) {
    let s = seed >>> 0 || 2654435769;
    const next = () => {
      s = s + 2654435769 | 0;
      let z = s;
      z = Math.imul(z ^ z >>> 16, 2246822507);
      z = Math.imul(z ^ z >>> 13, 3266489909);
      return (z ^ z >>> 16) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next() ^ Math.floor(seed / 4294967296);
    for (let k = 0; k < 12; k++) this.uint32();
  }
  uint32() {
    const t = (this.a + this.b | 0) + this.d | 0;
    this.d = this.d + 1 | 0;
    this.a = this.b ^ this.b >>> 9;
    this.b = this.c + (this.c << 3) | 0;
    this.c = this.c << 21 | this.c >>> 11;
    this.c = this.c + t | 0;
    return t >>> 0;
  }
  /** Uniform in [0, 1), with 53 bits. */
  float() {
    return (this.uint32() * 2097152 + (this.uint32() >>> 11)) / 9007199254740992;
  }
  /** A duration in whole nanoseconds. */
  duration(d) {
    switch (d.kind) {
      case "fixed":
        return d.ns;
      case "uniform":
        return Math.round(d.lo + (d.hi - d.lo) * this.float());
      case "exponential":
        return Math.round(-d.mean * Math.log(1 - this.float()));
      case "normal": {
        const u = 1 - this.float();
        const v = this.float();
        const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        return Math.max(0, Math.round(d.mean + d.sd * z));
      }
    }
  }
  /** Trials until the first success, at least 1. */
  geometric(p) {
    if (p >= 1) return 1;
    return Math.max(1, Math.ceil(Math.log(1 - this.float()) / Math.log(1 - p)));
  }
  /** A count: geometric counts draw, expressions are evaluated by the caller. */
  drawCount(c) {
    return this.geometric(c.p);
  }
};

// simulator/engine/semaphore.ts
function createSemaphore(initial, bounded) {
  return { kind: "semaphore", value: initial, initial, bounded, waiters: new Fifo(), holders: /* @__PURE__ */ new Map(), acquiredAt: /* @__PURE__ */ new Map(), stats: newStats() };
}
function take(engine, s, p, r, waitedNs) {
  s.holders.set(p, (s.holders.get(p) ?? 0) + 1);
  const times = s.acquiredAt.get(p);
  if (times) times.push(engine.now);
  else s.acquiredAt.set(p, [engine.now]);
  s.stats.acquisitions++;
  if (waitedNs > 0) {
    s.stats.contended++;
    s.stats.waitNs += waitedNs;
    if (waitedNs > s.stats.maxWaitNs) s.stats.maxWaitNs = waitedNs;
  }
  engine.trace?.op(engine.now, p.id, "acquire", r, -1);
}
function acquireSemaphore(engine, p, ins) {
  const s = engine.res[ins.r];
  if (p.phase === PHASE_WOKEN || p.phase === PHASE_TIMED_OUT) {
    const woken = p.phase === PHASE_WOKEN;
    p.phase = PHASE_START;
    p.pc++;
    return woken ? lockCost(engine, p) : true;
  }
  if (s.value > 0) {
    s.value--;
    take(engine, s, p, ins.r, 0);
    p.pc++;
    return lockCost(engine, p);
  }
  s.waiters.push(p);
  engine.block(p, engine.waitOn[ins.r], ins.r, ins.timeout ? engine.duration(ins.timeout) : null);
  return false;
}
function releaseSemaphore(engine, p, ins) {
  const s = engine.res[ins.r];
  if (s.bounded && s.waiters.length === 0 && s.value + 1 > s.initial) {
    const name = engine.program.resources[ins.r].name;
    engine.misuse(p, ins.r, `released bounded_semaphore ${name} above its initial value ${s.initial} (Python raises ValueError)`, ins);
    return false;
  }
  const held = s.holders.get(p) ?? 0;
  if (held > 0) {
    if (held === 1) s.holders.delete(p);
    else s.holders.set(p, held - 1);
    const since = s.acquiredAt.get(p).pop();
    s.stats.holdNs += engine.now - since;
  }
  engine.trace?.op(engine.now, p.id, "release", ins.r, -1);
  const next = s.waiters.shift();
  if (next) {
    take(engine, s, next, ins.r, engine.now - next.waitSince);
    engine.wake(next, PHASE_WOKEN, p);
  } else s.value++;
  p.pc++;
  return lockCost(engine, p);
}

// simulator/engine/shared-value.ts
var createValue = (values) => ({ kind: "value", values });
function addToValue(engine, p, ins) {
  const s = engine.res[ins.r];
  const index = ins.index ? evalExpr(ins.index, p.env) : 0;
  if (index < 0 || index >= s.values.length) {
    const name = engine.program.resources[ins.r].name;
    engine.misuse(p, ins.r, `indexed ${name}[${index}], past its ${s.values.length} slots (Python raises IndexError)`, ins);
    return false;
  }
  if (p.phase !== PHASE_WRITE) {
    p.scratch = s.values[index];
    p.phase = PHASE_WRITE;
    engine.trace?.op(engine.now, p.id, "read", ins.r, -1);
    if (engine.cost.valueNs > 0) engine.startBusy(p, engine.cost.valueNs);
    else engine.yieldNow(p);
    return false;
  }
  s.values[index] = p.scratch + evalExpr(ins.by, p.env) | 0;
  engine.trace?.op(engine.now, p.id, "write", ins.r, -1);
  p.phase = PHASE_START;
  p.pc++;
  return true;
}

// simulator/engine/wait-for.ts
var NONE = [];
function holdersOf(engine, p) {
  const w = p.waiting;
  if (!w) return NONE;
  switch (w.kind) {
    case "resource": {
      const s = engine.res[w.r];
      if (s.kind === "lock" || s.kind === "rlock") return s.owner ? [s.owner] : NONE;
      if (s.kind === "semaphore") return [...s.holders.keys()];
      return NONE;
    }
    case "reacquire": {
      const owner = engine.res[w.lock].owner;
      return owner ? [owner] : NONE;
    }
    case "join":
      return (p.children.get(w.t) ?? []).filter((c) => c.state !== DONE);
    case "pool":
    case "pool-idle":
      return NONE;
  }
}
function detectCycleFrom(engine, start) {
  const w = start.waiting;
  if (w?.kind === "resource") {
    const s = engine.res[w.r];
    if (s.kind === "lock" || s.kind === "rlock") {
      const owner = s.owner;
      if (!owner || owner !== start && owner.state !== BLOCKED) return null;
    }
  }
  const path = [];
  const seen = /* @__PURE__ */ new Set();
  function visit(p) {
    path.push(p);
    for (const h of holdersOf(engine, p)) {
      if (h === start) return true;
      if (h.state === BLOCKED && !seen.has(h)) {
        seen.add(h);
        if (visit(h)) return true;
      }
    }
    path.pop();
    return false;
  }
  return visit(start) ? path : null;
}
function waitTarget(engine, p) {
  const w = p.waiting;
  const resources = engine.program.resources;
  if (!w) return { name: "", on: "" };
  switch (w.kind) {
    case "resource": {
      const kind = resources[w.r].kind;
      const op = p.code[p.pc]?.op;
      const on = kind === "queue" ? op === "put" ? "queue put" : "queue get" : kind === "bounded_semaphore" ? "semaphore" : kind;
      return { name: resources[w.r].name, on };
    }
    case "reacquire":
      return { name: resources[w.lock].name, on: "lock" };
    case "join":
      return { name: `join:${engine.program.templates[w.t].name}`, on: "join" };
    case "pool":
    case "pool-idle":
      return { name: "pool", on: "pool" };
  }
}
function holdings(engine, p) {
  const names = p.heldLocks.map((r) => engine.program.resources[r].name);
  engine.res.forEach((s, r) => {
    if (s.kind === "semaphore" && s.holders.has(p)) names.push(engine.program.resources[r].name);
  });
  return names;
}
function reportCycle(engine, cycle) {
  if (cycle.some((p) => p.deadlocked)) return;
  for (const p of cycle) p.deadlocked = true;
  const links = cycle.map((p) => ({
    process: p.name,
    holds: holdings(engine, p),
    waits_for: waitTarget(engine, p).name,
    line: p.code[p.pc]?.at.line ?? null
  }));
  engine.findings.push({ kind: "deadlock", workers: engine.workers, at_ms: engine.now / 1e6, cycle: links });
}
function describeBlocked(engine, p) {
  const target = waitTarget(engine, p);
  return { process: p.name, waits_for: target.name, on: target.on, holds: holdings(engine, p), line: p.code[p.pc]?.at.line ?? null };
}

// simulator/engine/engine.ts
var EV_RUN = 0;
var EV_SLICE = 1;
var EV_READY = 2;
var EV_TIMEOUT = 3;
var EV_STOP = 4;
var STEPS_PER_TURN = 1e4;
var EVENTS_WITHOUT_TIME = 5e6;
var Engine = class {
  constructor(program, options) {
    this.program = program;
    this.options = options;
    this.rng = new Random(options.seed);
    this.freeCores = options.cores;
    this.trace = options.traceCap > 0 ? new TraceRecorder(options.traceCap) : null;
    const env = { workers: options.workers, i: 0 };
    this.res = program.resources.map((r, index) => {
      switch (r.kind) {
        case "lock":
        case "rlock":
          return createLock(r.kind);
        case "semaphore":
        case "bounded_semaphore":
          return createSemaphore(evalExpr(r.initial, env), r.kind === "bounded_semaphore");
        case "event":
          return createEvent();
        case "condition":
          return createCondition(r.lock);
        case "barrier":
          return createBarrier(evalExpr(r.parties, env));
        case "queue":
          return createQueue(r.capacity ? evalExpr(r.capacity, env) : null);
        case "value":
          return createValue([r.initial]);
        case "array":
          return createValue(new Array(evalExpr(r.length, env)).fill(0));
        default:
          throw new Error(`resource ${index} has no simulator state`);
      }
    });
    this.instanceCounts = program.templates.map(() => 0);
    this.waitOn = program.resources.map((_, r) => ({ kind: "resource", r }));
  }
  program;
  options;
  now = 0;
  rng;
  procs = [];
  res;
  findings = [];
  trace;
  /** First time each lock-order edge was seen: `a,b` means b taken while holding a. */
  lockOrder = /* @__PURE__ */ new Map();
  pool = null;
  events = 0;
  outcome = "completed";
  endTime = 0;
  queue = new EventQueue();
  ready = new Fifo();
  freeCores;
  liveUser = 0;
  instanceCounts;
  stopped = false;
  /** One wait reason per resource, made once: blocking on a resource allocates nothing. */
  waitOn;
  get workers() {
    return this.options.workers;
  }
  get cost() {
    return this.options.cost;
  }
  /** Runs the program to its end; the outcome says how it ended. */
  run() {
    const program = this.program;
    if (program.main !== null) {
      this.startProcess(program.main, 0, null, 0);
    } else {
      const spawned = new Set(program.templates.flatMap((t) => t.code.flatMap((c) => c.op === "spawn" ? [c.t] : [])));
      program.templates.forEach((t, index) => {
        if (spawned.has(index)) return;
        const n = evalExpr(t.count, { workers: this.workers, i: 0 });
        for (let i = 0; i < n; i++) this.startProcess(index, i, null, 0);
      });
    }
    if (program.runForNs !== null) this.queue.push(program.runForNs, 9, EV_STOP, -1, 0);
    const ev = { time: 0, kind: 0, target: 0, token: 0 };
    let lastTime = -1;
    let sameTime = 0;
    while (!this.stopped && this.liveUser > 0 && this.queue.pop(ev)) {
      if (++this.events > this.options.maxEvents) {
        this.outcome = "event_limit";
        break;
      }
      if (ev.time === lastTime) {
        if (++sameTime > EVENTS_WITHOUT_TIME) {
          this.outcome = "event_limit";
          break;
        }
      } else {
        sameTime = 0;
        lastTime = ev.time;
      }
      this.now = ev.time;
      this.dispatch(ev.kind, ev.target, ev.token);
    }
    this.endTime = this.now;
    if (this.outcome === "completed" && this.liveUser > 0 && !this.stopped) this.outcome = "stuck";
    this.closeSpans();
    return this.outcome;
  }
  dispatch(kind, target, token) {
    switch (kind) {
      case EV_RUN: {
        const p = this.procs[target];
        if (p.state !== RUNNING) p.quantumLeft = this.options.quantumNs;
        this.setState(p, RUNNING, -1);
        if (p.remaining > 0) this.scheduleSlice(p);
        else this.interpret(p);
        return;
      }
      case EV_SLICE: {
        const p = this.procs[target];
        p.remaining -= p.sliceLength;
        p.quantumLeft -= p.sliceLength;
        if (p.remaining <= 0) this.interpret(p);
        else this.continueBusy(p);
        return;
      }
      case EV_READY:
        this.makeReady(this.procs[target]);
        return;
      case EV_TIMEOUT: {
        const p = this.procs[target];
        if (p.token !== token || p.state !== BLOCKED) return;
        this.timeout(p);
        return;
      }
      case EV_STOP:
        this.stopped = true;
        this.outcome = "time_limit";
        return;
    }
  }
  /** Creates a process of template t; it becomes ready after the spawn cost. */
  startProcess(t, i, parent, delayNs) {
    const template = this.program.templates[t];
    const k = this.instanceCounts[t]++;
    const single = this.program.main === t || evalExpr(template.count, { workers: this.workers, i: 0 }) === 1;
    const name = single && k === 0 ? template.name : `${template.name}[${k}]`;
    const p = new SimProcess(this.procs.length, name, t, template.code, { workers: this.workers, i }, template.slots, parent);
    p.stateSince = this.now;
    this.procs.push(p);
    this.liveUser++;
    if (parent) {
      const list = parent.children.get(t);
      if (list) list.push(p);
      else parent.children.set(t, [p]);
    }
    this.trace?.op(this.now, p.id, "start", -1, parent ? parent.id : -1);
    this.queue.push(this.now + delayNs, 0, EV_READY, p.id, 0);
    return p;
  }
  /** Creates a pool worker; it is not a user process and never keeps the program alive. */
  startPoolWorker(index, delayNs) {
    const p = new SimProcess(this.procs.length, `pool[${index}]`, -1, [], { workers: this.workers, i: index }, 0, null);
    p.stateSince = this.now;
    this.procs.push(p);
    this.queue.push(this.now + delayNs, 0, EV_READY, p.id, 0);
    return p;
  }
  /** Gives p a core now if one is free, else queues it for one. */
  makeReady(p) {
    if (p.state === DONE) return;
    this.setState(p, READY, -1);
    if (this.freeCores > 0) {
      this.freeCores--;
      p.hasCore = true;
      this.queue.push(this.now, 0, EV_RUN, p.id, 0);
    } else this.ready.push(p);
  }
  releaseCore(p) {
    if (!p.hasCore) return;
    p.hasCore = false;
    const next = this.ready.shift();
    if (next) {
      next.hasCore = true;
      this.queue.push(this.now, 0, EV_RUN, next.id, 0);
    } else this.freeCores++;
  }
  /** Work on a core for ns (compute, or an overhead); the process goes on after. */
  startBusy(p, ns) {
    p.remaining = ns;
    this.continueBusy(p);
  }
  /** Runs the next slice of p's work, unless its time slice is used up and another process waits for a core. */
  continueBusy(p) {
    if (p.quantumLeft <= 0) {
      if (this.ready.length > 0) {
        this.setState(p, READY, -1);
        this.releaseCore(p);
        this.ready.push(p);
        return;
      }
      p.quantumLeft = this.options.quantumNs;
    }
    this.scheduleSlice(p);
  }
  scheduleSlice(p) {
    p.sliceLength = Math.min(p.remaining, p.quantumLeft);
    this.queue.push(this.now + p.sliceLength, 0, EV_SLICE, p.id, 0);
  }
  /** Waits without a core for ns. */
  sleep(p, ns) {
    this.setState(p, SLEEPING, -1);
    this.releaseCore(p);
    this.queue.push(this.now + ns, 0, EV_READY, p.id, 0);
  }
  /** Lets every other event of this instant run first, keeping the core. */
  yieldNow(p) {
    this.queue.push(this.now, 1, EV_RUN, p.id, 0);
  }
  /** Blocks p on a wait; it gives up its core. The primitive wakes it, or the timeout does. */
  block(p, reason, resource, timeoutNs) {
    p.waiting = reason;
    p.waitSince = this.now;
    this.setState(p, BLOCKED, resource);
    this.releaseCore(p);
    if (timeoutNs !== null) this.queue.push(this.now + timeoutNs, 0, EV_TIMEOUT, p.id, p.token);
    if (reason.kind !== "pool-idle" && !p.isPoolWorker) {
      const cycle = detectCycleFrom(this, p);
      if (cycle) reportCycle(this, cycle);
    }
  }
  /** Wakes a blocked process: its step resumes with `phase`; ready after the wake-up cost. */
  wake(p, phase, by) {
    p.token++;
    p.phase = phase;
    p.waiting = null;
    this.trace?.op(this.now, p.id, "wake", p.stateResource, by ? by.id : -1);
    const delay = by && by !== p ? this.options.cost.wakeNs : 0;
    if (delay > 0) this.queue.push(this.now + delay, 0, EV_READY, p.id, 0);
    else this.makeReady(p);
  }
  timeout(p) {
    const ins = p.code[p.pc];
    if (p.waiting?.kind === "pool" || !ins) return;
    this.trace?.op(this.now, p.id, "timeout", p.stateResource, -1);
    const r = p.stateResource;
    const state = this.res[r];
    switch (state?.kind) {
      case "lock":
      case "rlock":
      case "semaphore":
        state.waiters.remove(p);
        break;
      case "event":
        state.waiters.splice(state.waiters.indexOf(p), 1);
        break;
      case "queue":
        if (!state.getters.remove(p)) state.putters.remove(p);
        break;
      case "barrier":
        state.waiting.splice(state.waiting.indexOf(p), 1);
        state.broken = true;
        for (const other of state.waiting.splice(0)) this.wake(other, PHASE_TIMED_OUT, p);
        break;
      case "condition":
        conditionTimeout(this, p, r);
        return;
      default:
        break;
    }
    this.wake(p, PHASE_TIMED_OUT, null);
  }
  /** The process has run its last step. */
  finish(p) {
    this.setState(p, DONE, -1);
    this.releaseCore(p);
    this.trace?.op(this.now, p.id, p.died ? "died" : "end", -1, -1);
    if (p.isPoolWorker) return;
    this.liveUser--;
    const parent = p.parent;
    if (parent && parent.state === BLOCKED && parent.waiting?.kind === "join" && parent.waiting.t === p.template) {
      if (parent.children.get(p.template).every((c) => c.state === DONE)) this.wake(parent, 1, p);
    }
  }
  /** Misuse: recorded as a finding, and the process stops, as Python's would raise. */
  misuse(p, r, what, ins) {
    this.findings.push({
      kind: "misuse",
      workers: this.workers,
      process: p.name,
      resource: this.program.resources[r]?.name ?? "",
      what,
      at_ms: this.now / 1e6,
      line: ins.at.line
    });
    p.died = what;
    this.finish(p);
  }
  setState(p, state, resource) {
    const spent = this.now - p.stateSince;
    if (p.state < 4) {
      p.timeIn[p.state] += spent;
      if (p.state === BLOCKED && p.stateResource >= 0) p.blockedOn.set(p.stateResource, (p.blockedOn.get(p.stateResource) ?? 0) + spent);
      this.trace?.span(p.id, p.state, p.stateSince, this.now, p.stateResource);
    }
    p.state = state;
    p.stateSince = this.now;
    p.stateResource = resource;
  }
  closeSpans() {
    for (const p of this.procs) if (p.state !== DONE) this.setState(p, p.state, p.stateResource);
  }
  count(c, p) {
    return c.kind === "geometric" ? this.rng.geometric(c.p) : evalExpr(c.expr, p.env);
  }
  duration(d) {
    return this.rng.duration(d);
  }
  /** Records that `r` was taken while `p` held its other locks. */
  noteLockOrder(p, r, line) {
    for (const held of p.heldLocks) {
      if (held === r) continue;
      const key = `${held},${r}`;
      if (!this.lockOrder.has(key)) this.lockOrder.set(key, { process: p, line });
    }
  }
  /** Runs p's steps until it needs time, blocks or ends. */
  interpret(p) {
    if (p.isPoolWorker) {
      runPoolWorker(this, p);
      return;
    }
    const code = p.code;
    for (let steps = 0; ; steps++) {
      if (p.pc >= code.length) {
        this.finish(p);
        return;
      }
      if (steps === STEPS_PER_TURN) {
        this.yieldNow(p);
        return;
      }
      const ins = code[p.pc];
      switch (ins.op) {
        case "compute": {
          p.pc++;
          const ns = this.rng.duration(ins.d);
          if (ns > 0) {
            this.startBusy(p, ns);
            return;
          }
          break;
        }
        case "sleep": {
          p.pc++;
          this.sleep(p, this.rng.duration(ins.d));
          return;
        }
        case "acquire": {
          const kind = this.res[ins.r].kind;
          const go = kind === "semaphore" ? acquireSemaphore(this, p, ins) : acquireLock(this, p, ins);
          if (!go) return;
          break;
        }
        case "release": {
          const kind = this.res[ins.r].kind;
          const go = kind === "semaphore" ? releaseSemaphore(this, p, ins) : releaseLock(this, p, ins);
          if (!go) return;
          break;
        }
        case "wait": {
          const kind = this.res[ins.r].kind;
          const go = kind === "event" ? eventWait(this, p, ins) : kind === "barrier" ? acquireBarrierWait(this, p, ins) : conditionWait(this, p, ins);
          if (!go) return;
          break;
        }
        case "set":
          eventSet(this, p, ins.r);
          p.pc++;
          break;
        case "clear":
          eventClear(this, p, ins.r);
          p.pc++;
          break;
        case "notify":
        case "notify_all":
          if (!conditionNotify(this, p, ins)) return;
          break;
        case "put":
          if (!queuePut(this, p, ins)) return;
          break;
        case "get":
          if (!queueGet(this, p, ins)) return;
          break;
        case "add":
          if (!addToValue(this, p, ins)) return;
          break;
        case "loop": {
          const bound = ins.bound;
          if (p.phase === PHASE_START) {
            p.loops[ins.slot] = bound.kind === "count" ? this.count(bound.count, p) : 0;
          }
          p.phase = PHASE_START;
          let again;
          if (bound.kind === "count") again = p.loops[ins.slot] > 0;
          else if (bound.kind === "forever") again = true;
          else again = this.res[bound.event].set;
          if (again) {
            if (bound.kind === "count") p.loops[ins.slot]--;
            p.pc++;
          } else p.pc = ins.end;
          break;
        }
        case "next":
          p.pc = ins.head;
          p.phase = 1;
          break;
        case "spawn": {
          const n = ins.count ? this.count(ins.count, p) : evalExpr(this.program.templates[ins.t].count, p.env);
          for (let i = 0; i < n; i++) this.startProcess(ins.t, i, p, this.options.cost.spawnNs);
          this.trace?.op(this.now, p.id, "spawn", -1, -1);
          p.pc++;
          break;
        }
        case "join": {
          if (p.phase !== PHASE_START) {
            p.phase = PHASE_START;
            p.pc++;
            break;
          }
          const children = p.children.get(ins.t) ?? [];
          if (children.every((c) => c.state === DONE)) {
            p.pc++;
            break;
          }
          this.block(p, { kind: "join", t: ins.t }, -1, null);
          return;
        }
        case "pool":
          if (!poolCall(this, p, ins)) return;
          break;
        case "apply_async":
          applyAsync(this, p, ins);
          p.pc++;
          break;
        case "wait_pool":
          if (!waitPool(this, p)) return;
          break;
        default: {
          const never = ins;
          throw new Error(`no interpreter for ${JSON.stringify(never)}`);
        }
      }
    }
  }
};

// simulator/simulate.ts
var DEFAULT_QUANTUM_NS = 5e6;
var DEFAULT_MAX_EVENTS = 2e8;
var ms = (ns) => ns / 1e6;
function simulateOne(program, workers, cores, seed, options) {
  const engine = new Engine(program, {
    workers,
    cores,
    seed,
    cost: options.cost ?? NO_OVERHEADS,
    quantumNs: options.quantumNs ?? DEFAULT_QUANTUM_NS,
    traceCap: options.traceCap ?? 0,
    maxEvents: options.maxEvents ?? DEFAULT_MAX_EVENTS
  });
  const outcome = engine.run();
  if (outcome === "stuck" || outcome === "time_limit" || outcome === "event_limit") {
    for (const p of engine.procs) {
      if (p.state === BLOCKED && !p.isPoolWorker && !p.deadlocked) {
        const cycle = detectCycleFrom(engine, p);
        if (cycle) reportCycle(engine, cycle);
      }
    }
  }
  const findings = [...engine.findings];
  if (outcome === "stuck") {
    const blocked = engine.procs.filter((p) => p.state === BLOCKED && !p.isPoolWorker && !p.deadlocked);
    if (blocked.length > 0) findings.push({ kind: "hang", workers, at_ms: ms(engine.endTime), blocked: blocked.map((p) => describeBlocked(engine, p)) });
  }
  findings.push(...lockOrderInversions(engine, findings));
  if (outcome === "completed") findings.push(...lostUpdates(engine));
  return { engine, findings };
}
function lockOrderInversions(engine, findings) {
  const edges = /* @__PURE__ */ new Map();
  for (const key of engine.lockOrder.keys()) {
    const [a, b] = key.split(",").map(Number);
    edges.set(a, [...edges.get(a) ?? [], b]);
  }
  const names = engine.program.resources.map((r) => r.name);
  const deadlocked = new Set(findings.flatMap((f) => f.kind === "deadlock" ? f.cycle.flatMap((c) => [...c.holds, c.waits_for]) : []));
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  const starts = [...edges.keys()].sort((x, y) => x - y);
  for (const start of starts) {
    const path = [start];
    const search = (at) => {
      for (const next of edges.get(at) ?? []) {
        if (next === start) return [...path];
        if (next > start && !path.includes(next)) {
          path.push(next);
          const found = search(next);
          if (found) return found;
          path.pop();
        }
      }
      return null;
    };
    const cycle = search(start);
    if (!cycle) continue;
    const key = [...cycle].sort((x, y) => x - y).join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    const locks = cycle.map((r) => names[r]);
    if (locks.every((l) => deadlocked.has(l))) continue;
    const orders = cycle.map((a, k) => {
      const b = cycle[(k + 1) % cycle.length];
      const edge = engine.lockOrder.get(`${a},${b}`);
      return { process: edge.process.name, first: names[a], then: names[b], line: edge.line };
    });
    out.push({ kind: "lock_order_inversion", workers: engine.workers, locks, orders });
  }
  return out;
}
function lostUpdates(engine) {
  const out = [];
  for (const e of engine.program.expect) {
    const s = engine.res[e.r];
    if (s.kind !== "value") continue;
    const resource = engine.program.resources[e.r];
    const actual = resource.kind === "value" ? s.values[0] : [...s.values];
    const same = Array.isArray(e.value) ? JSON.stringify(e.value) === JSON.stringify(actual) : e.value === actual;
    if (!same) out.push({ kind: "lost_update", workers: engine.workers, resource: resource.name, expected: e.value, actual, line: e.at.line });
  }
  return out;
}
function summarize(engine, baseline) {
  const program = engine.program;
  const locks = {};
  const values = {};
  engine.res.forEach((s, r) => {
    const resource = program.resources[r];
    if (s.kind === "lock" || s.kind === "rlock") {
      const open = s.owner ? engine.endTime - s.acquiredAt : 0;
      locks[resource.name] = lockSummary({ ...s.stats, holdNs: s.stats.holdNs + open });
    }
    if (s.kind === "semaphore") {
      const open = [...s.acquiredAt.values()].flat().reduce((sum, t) => sum + engine.endTime - t, 0);
      locks[resource.name] = lockSummary({ ...s.stats, holdNs: s.stats.holdNs + open });
    }
    if (s.kind === "value") values[resource.name] = resource.kind === "value" ? s.values[0] : [...s.values];
  });
  const processes = {};
  const groups = /* @__PURE__ */ new Map();
  for (const p of engine.procs) {
    const key = p.isPoolWorker ? "pool" : program.templates[p.template].name;
    let g = groups.get(key);
    if (!g) groups.set(key, g = { instances: 0, timeIn: [0, 0, 0, 0], blockedOn: /* @__PURE__ */ new Map() });
    g.instances++;
    for (let k = 0; k < 4; k++) g.timeIn[k] += p.timeIn[k];
    for (const [r, ns] of p.blockedOn) {
      const name = program.resources[r].name;
      g.blockedOn.set(name, (g.blockedOn.get(name) ?? 0) + ns);
    }
  }
  for (const [name, g] of groups) {
    processes[name] = {
      instances: g.instances,
      running_ms: ms(g.timeIn[PROCESS_STATES.indexOf("running")]),
      ready_ms: ms(g.timeIn[PROCESS_STATES.indexOf("ready")]),
      blocked_ms: ms(g.timeIn[PROCESS_STATES.indexOf("blocked")]),
      sleeping_ms: ms(g.timeIn[PROCESS_STATES.indexOf("sleeping")]),
      blocked_on: Object.fromEntries([...g.blockedOn].map(([n, ns]) => [n, ms(ns)]))
    };
  }
  const makespan = engine.endTime;
  const comparable = engine.outcome === "completed" && baseline.outcome === "completed";
  const speedup = !comparable ? null : makespan > 0 ? baseline.endTime / makespan : 1;
  const deadlock = engine.findings.find((f) => f.kind === "deadlock");
  return {
    makespan_ms: ms(makespan),
    speedup,
    efficiency: speedup === null ? null : speedup / engine.workers,
    outcome: engine.outcome,
    deadlock: deadlock && deadlock.kind === "deadlock" ? { cycle: deadlock.cycle } : null,
    locks,
    values,
    processes,
    events: engine.events
  };
}
function lockSummary(s) {
  return { acquisitions: s.acquisitions, contended: s.contended, wait_ms: ms(s.waitNs), max_wait_ms: ms(s.maxWaitNs), hold_ms: ms(s.holdNs) };
}
function traceOf(engine) {
  const program = engine.program;
  const recorder = engine.trace;
  return {
    version: TRACE_VERSION,
    clock: "simulated",
    processes: engine.procs.map((p) => ({ id: p.id, name: p.name, template: p.isPoolWorker ? "pool" : program.templates[p.template].name })),
    resources: program.resources.map((r, id) => ({ id, name: r.name, kind: r.kind })),
    spans: recorder.spans,
    ops: recorder.ops,
    cap: recorder.cap,
    dropped: recorder.dropped
  };
}
function simulate(program, options = {}) {
  const sweep = options.workers ?? program.sweep;
  const seed = options.seed ?? program.seed;
  const coresFor = (workers) => options.cores ?? workers;
  const runs = sweep.map((workers) => ({ workers, run: simulateOne(program, workers, coresFor(workers), seed, options) }));
  const one = runs.find((r) => r.workers === 1)?.run ?? simulateOne(program, 1, coresFor(1), seed, { ...options, traceCap: 0 });
  const work = estimateWork(program);
  const cost = options.cost ?? NO_OVERHEADS;
  const result = {
    profile: program.name,
    mode: "simulate",
    seed,
    serial_fraction: work.known ? work.serialFraction : null,
    cost_model: { name: cost.name, source: cost.source },
    quantum_ms: ms(options.quantumNs ?? DEFAULT_QUANTUM_NS),
    runs: runs.map(({ workers, run }) => ({
      workers,
      cores: coresFor(workers),
      simulated: summarize(run.engine, one.engine),
      amdahl_speedup: work.known ? amdahlSpeedup(work.serialFraction, workers) : null
    })),
    findings: runs.flatMap(({ run }) => run.findings)
  };
  const traces = options.traceCap ? runs.map(({ run }) => traceOf(run.engine)) : [];
  return { result, traces };
}

// simulator/engine/findings.ts
function describeFinding(f) {
  switch (f.kind) {
    case "deadlock":
      return `deadlock at ${f.at_ms} ms with ${f.workers} workers: ${f.cycle.map((c) => `${c.process} holds ${c.holds.join(", ") || "nothing"} and waits for ${c.waits_for}`).join("; ")}`;
    case "hang":
      return `hang at ${f.at_ms} ms with ${f.workers} workers: ${f.blocked.map((b) => `${b.process} waits on ${b.on} ${b.waits_for}`).join("; ")}`;
    case "lock_order_inversion":
      return `lock-order inversion on ${f.locks.join(", ")} with ${f.workers} workers: ${f.orders.map((o) => `${o.process} takes ${o.then} while holding ${o.first}${o.line ? ` (line ${o.line})` : ""}`).join("; ")}`;
    case "lost_update":
      return `lost updates with ${f.workers} workers: ${f.resource} ends at ${JSON.stringify(f.actual)}, expected ${JSON.stringify(f.expected)}`;
    case "misuse":
      return `misuse with ${f.workers} workers: ${f.process} ${f.what}${f.line ? ` (line ${f.line})` : ""}`;
  }
}
export {
  DEFAULT_OVERHEADS,
  DEFAULT_QUANTUM_NS,
  LIMITS,
  NO_OVERHEADS,
  PROCESS_STATES,
  TRACE_VERSION,
  amdahlSpeedup,
  describeFinding,
  describeProgram,
  estimateWork,
  formatProfileError,
  parseCostModel,
  parseDurationText,
  parseProfile,
  profileSchema,
  simulate
};
