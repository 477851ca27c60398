import { spawn } from 'node:child_process';
import { ensureBuilt } from '../host/build-output.js';
import { findElectronBinary } from '../host/electron-binary.js';
import { startWebHost } from '../host/web-server.js';
import { paths, projectRoot } from '../paths.js';

/** Serves the UI on 127.0.0.1 until interrupted. */
export async function serveCommand(port: number, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const failure = ensureBuilt(err);
  if (failure) {
    err(`interleave: ${failure}`);
    return 2;
  }
  let host;
  try {
    host = await startWebHost(paths.rendererOut(), port);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    err(
      code === 'EADDRINUSE'
        ? `interleave: port ${port} is in use; pick another with --port N (0 picks a free one)`
        : `interleave: cannot serve: ${(e as Error).message}`,
    );
    return 2;
  }
  out(`Interleave is serving on ${host.url}`);
  err('Open it in a browser; press Ctrl-C to stop.');
  await new Promise<void>((resolveStop) => {
    const stop = () => void host.close().then(resolveStop);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

/** Opens the Electron window, or says plainly why not and serves the same UI. */
export async function startCommand(port: number, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const electron = findElectronBinary();
  if (!electron.present) {
    err(`Interleave: the desktop window cannot open here: ${electron.why}.`);
    err('Serving the same app in browser mode instead.');
    return serveCommand(port, out, err);
  }
  const failure = ensureBuilt(err);
  if (failure) {
    err(`interleave: ${failure}`);
    return 2;
  }
  const child = spawn(electron.path, [projectRoot()], { stdio: 'inherit' });
  return new Promise((resolveExit) => child.on('exit', (code) => resolveExit(code ?? 0)));
}
