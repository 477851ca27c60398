import { useRef, type ChangeEvent } from 'react';
import type { BuiltinProfile } from '../../preload/contract';
import { readProfileFile } from './read-profile-file';

interface Props {
  readonly library: readonly BuiltinProfile[] | null;
  readonly selected: string | null;
  readonly nativeDialog: boolean;
  readonly onPick: (id: string) => void;
  readonly onOpenText: (file: string, text: string) => void;
  readonly onOpenDialog: () => void;
  readonly onError: (message: string) => void;
}

const GROUP_TITLES: Readonly<Record<string, string>> = {
  talk: 'From the talk',
  classic: 'Classic problems',
};

export function ProfileLibrary({ library, selected, nativeDialog, onPick, onOpenText, onOpenDialog, onError }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    readProfileFile(file).then(
      (text) => onOpenText(file.name, text),
      (e: Error) => onError(`cannot open ${file.name}: ${e.message}`),
    );
  };
  const groups = new Map<string, BuiltinProfile[]>();
  for (const p of library ?? []) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);

  return (
    <nav className="library" data-testid="profile-picker" aria-label="Profile library">
      <div className="open-row">
        <button className="primary" onClick={() => (nativeDialog ? onOpenDialog() : input.current?.click())}>
          Open profile…
        </button>
        <input ref={input} type="file" accept=".yaml,.yml,.json" data-testid="profile-file" className="visually-hidden" onChange={onFile} />
      </div>
      {library === null && <p className="muted">Loading profiles…</p>}
      {[...groups].map(([group, profiles]) => (
        <section key={group} className="group">
          <h2>{GROUP_TITLES[group] ?? group}</h2>
          <ul>
            {profiles.map((p) => (
              <li key={p.id}>
                <button
                  className={`profile-item${selected === p.id ? ' selected' : ''}`}
                  data-profile-id={p.id}
                  aria-current={selected === p.id ? 'true' : undefined}
                  title={p.description}
                  onClick={() => onPick(p.id)}
                >
                  {p.name}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
