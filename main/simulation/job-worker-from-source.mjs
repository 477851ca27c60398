// Starts the job worker from its TypeScript source (tests, tsx).
import { register } from 'tsx/esm/api';

register();
await import('./job-worker.ts');
