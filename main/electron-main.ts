import { app, BrowserWindow, dialog, ipcMain, session, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { CHANNELS } from '../preload/contract.js';
import { createHandlers } from './api/handlers.js';
import { paths } from './paths.js';
import { readSmallTextFile } from './read-text-file.js';
import { LIMITS } from '../simulator/index.js';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";

let window: BrowserWindow | null = null;

function createWindow(): void {
  window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    title: 'Interleave',
    show: false,
    webPreferences: {
      preload: paths.preloadOut(),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.once('ready-to-show', () => window?.show());
  // The app never navigates away or opens windows of its own.
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void window.loadFile(join(paths.rendererOut(), 'index.html'));
}

/** Only our own window's top frame may call the API. */
function trusted(event: IpcMainInvokeEvent): boolean {
  return window !== null && event.sender === window.webContents && event.senderFrame === window.webContents.mainFrame;
}

void app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  const handlers = createHandlers({
    capabilities: { nativeDialog: true },
    openProfileDialog: async () => {
      const picked = await dialog.showOpenDialog({
        title: 'Open a workload profile',
        properties: ['openFile'],
        filters: [{ name: 'Workload profiles', extensions: ['yaml', 'yml', 'json'] }],
      });
      const path = picked.filePaths[0];
      if (picked.canceled || !path) return null;
      // As the command line reads a profile: within the size limit, and UTF-8 (other bytes are named, not
      // lost); but a regular file only, since a pipe read here would hold up every window until it ended.
      const text = readSmallTextFile(path, LIMITS.sourceBytes, { pipes: false });
      if (typeof text !== 'string') throw new Error(`cannot open ${path}: ${text.why}`);
      return { file: path, text };
    },
  });
  for (const channel of CHANNELS) {
    ipcMain.handle(`interleave:${channel}`, (event, request: unknown) =>
      trusted(event) ? handlers[channel](request) : { ok: false, error: 'untrusted sender' },
    );
  }
  createWindow();
});

app.on('window-all-closed', () => app.quit());
