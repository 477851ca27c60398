import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import type { BuiltinProfile, HostCapabilities } from '../../preload/contract';
import { api } from './api';
import { ProfileEditor } from './profile-editor';
import { ProfileLibrary } from './profile-library';
import { ProfileStructure } from './profile-structure';
import { checkProfile } from './profile-state';
import { ThemeToggle } from './theme-toggle';
import { RunControls } from './run-controls';
import { ResultsView } from './results-view';
import { useJob } from './use-job';
import { useOpenProfile } from './use-open-profile';
import { readProfileFile } from './read-profile-file';

export function App() {
  const [library, setLibrary] = useState<readonly BuiltinProfile[] | null>(null);
  const [capabilities, setCapabilities] = useState<HostCapabilities>({ nativeDialog: false });
  const [problem, setProblem] = useState<string | null>(null);
  const { profile, reverts, openBuiltin, openText, edit, revert } = useOpenProfile(setProblem);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    void api()
      .listProfiles(null)
      .then((r) => (r.ok ? setLibrary(r.value) : setProblem(r.error)));
    void api()
      .capabilities(null)
      .then((r) => r.ok && setCapabilities(r.value));
  }, []);

  const openDialog = useCallback(async () => {
    const r = await api().openProfileDialog(null);
    if (!r.ok) setProblem(r.error);
    else if (r.value) openText(r.value.file, r.value.text);
  }, [openText]);

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      setDragging(false);
      const file = event.dataTransfer.files[0];
      if (file)
        void readProfileFile(file).then(
          (text) => openText(file.name, text),
          (e: Error) => setProblem(`cannot open ${file.name}: ${e.message}`),
        );
    },
    [openText],
  );

  const checked = useMemo(() => (profile ? checkProfile(profile) : null), [profile]);
  const job = useJob();
  // The results shown are those of the profile open: opening another forgets the job (and cancels it
  // if it runs), else the last profile's findings stayed on the page under the new one's name.
  // Each opening is its own (two files of one name are two profiles).
  const openKey = profile ? `${profile.opening}` : null;
  const { forget } = job;
  useEffect(() => forget(), [openKey, forget]);
  const result = job.status?.state === 'done' && job.subject?.profile === openKey ? job.status.result : null;
  const editedSince = result !== null && job.subject?.text !== profile?.text;

  return (
    <div
      className={`app${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <header className="topbar">
        <div className="brand">
          <Logo />
          <span className="brand-name">Interleave</span>
          <span className="brand-tag">how a concurrent program runs, and how it could</span>
        </div>
        <ThemeToggle />
      </header>
      <aside className="sidebar">
        <ProfileLibrary
          library={library}
          selected={profile?.builtinId ?? null}
          nativeDialog={capabilities.nativeDialog}
          onPick={openBuiltin}
          onOpenText={openText}
          onOpenDialog={openDialog}
          onError={setProblem}
        />
      </aside>
      <main className="content">
        {problem && (
          <div className="banner error" role="alert">
            {problem}
          </div>
        )}
        {profile && checked ? (
          <>
            <ProfileStructure file={profile.file} checked={checked} />
            {checked.summary && (
              <RunControls
                // Keys unique among these siblings: the editor's shared this one, and opening a second
                // profile then left the first one's controls on the page beside the new ones.
                key={`controls:${profile.opening}`}
                sweep={checked.summary.sweep}
                disabled={!checked.result.ok}
                status={job.status}
                running={job.running}
                onStart={(request) => void job.start({ ...request, file: profile.file, text: profile.text }, openKey!)}
                onCancel={() => void job.cancel()}
              />
            )}
            {job.error && (
              <div className="banner error" role="alert">
                {job.error}
              </div>
            )}
            {editedSince && (
              <div className="banner note" role="status" data-testid="results-stale">
                These results are of the profile as it was run; it has been edited since. Simulate or measure again to see the edits.
              </div>
            )}
            {result && <ResultsView result={result} />}
            <ProfileEditor
              // A revert starts the editor afresh (it keeps its own draft of the text).
              key={`editor:${profile.opening}:${reverts}`}
              file={profile.file}
              text={profile.text}
              checked={checked}
              onChange={(text) => edit(profile, text)}
              onRevert={profile.text === profile.original ? null : () => revert(profile)}
            />
          </>
        ) : (
          <Welcome />
        )}
      </main>
    </div>
  );
}

function Welcome() {
  return (
    <section className="welcome">
      <h1>Pick a workload profile</h1>
      <p>
        A profile is a small program built from Python <code>multiprocessing</code>'s primitives: pools, processes, queues, shared values, locks, events,
        conditions, barriers and semaphores. Choose one of the talk's programs on the left, open your own file, or drop one here.
      </p>
    </section>
  );
}

function Logo() {
  return (
    <svg className="logo" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
      <path d="M3 6h8M13 6h8M3 12h4M9 12h12M3 18h12M17 18h4" strokeWidth="2.4" strokeLinecap="round" />
    </svg>
  );
}
