import { contextBridge, ipcRenderer } from 'electron';
import type { Channel, InterleaveApi } from './contract.js';

// Names repeated here rather than imported: a sandboxed preload is one file.
const channels: readonly Channel[] = ['listProfiles', 'readProfile', 'openProfileDialog', 'capabilities', 'startJob', 'jobStatus', 'cancelJob'];

/** One function per operation; ipcRenderer itself never reaches the page. */
const api = Object.fromEntries(
  channels.map((channel) => [channel, (request: unknown) => ipcRenderer.invoke(`interleave:${channel}`, request ?? null)]),
) as unknown as InterleaveApi;

contextBridge.exposeInMainWorld('interleave', api);
