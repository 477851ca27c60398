// Starts the runtime worker from its TypeScript source (tests, tsx): registers
// tsx in this worker thread, then loads worker-entry.ts.
import { register } from 'tsx/esm/api';

register();
await import('./worker-entry.ts');
