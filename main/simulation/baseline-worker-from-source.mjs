// Starts the baseline worker from its TypeScript source (tests, tsx).
import { register } from 'tsx/esm/api';

register();
await import('./baseline-worker.ts');
