import { useMemo, useRef, useState, type UIEvent } from 'react';
import type { ProfileError } from '../../simulator/index';
import type { Checked } from './profile-state';

interface Props {
  readonly file: string;
  readonly text: string;
  readonly checked: Checked;
  readonly onChange: (text: string) => void;
  /** Back to the text as it was opened; null where it has not been edited. */
  readonly onRevert: (() => void) | null;
}

const NO_ERRORS: readonly ProfileError[] = [];

/** The profile's text, editable, with every error marked at its line. */
export function ProfileEditor({ file, text, checked, onChange, onRevert }: Props) {
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const [draft, setDraft] = useState(text);
  const errors: readonly ProfileError[] = checked.result.ok ? NO_ERRORS : checked.result.errors;
  const byLine = useMemo(() => {
    const map = new Map<number, ProfileError[]>();
    for (const e of errors) map.set(e.line, [...(map.get(e.line) ?? []), e]);
    return map;
  }, [errors]);
  const lineCount = draft.split('\n').length;

  const goTo = (e: ProfileError) => {
    const el = area.current;
    if (!el) return;
    const lines = draft.split('\n');
    let offset = 0;
    for (let i = 0; i < e.line - 1 && i < lines.length; i++) offset += lines[i]!.length + 1;
    offset += Math.max(0, e.column - 1);
    el.focus();
    el.setSelectionRange(offset, offset);
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 20;
    el.scrollTop = Math.max(0, (e.line - 4) * lineHeight);
  };

  const onScroll = (event: UIEvent<HTMLTextAreaElement>) => {
    if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop;
  };

  return (
    <section className="editor-panel" data-testid="profile-editor">
      <div className="editor-head">
        <h2>Profile</h2>
        <span className="muted mono">{file}</span>
        {onRevert && (
          <>
            <span className="pill edited" data-testid="profile-edited">
              edited
            </span>
            <button className="ghost small" data-testid="revert-button" onClick={onRevert} title="Back to the text as it was opened">
              Revert
            </button>
          </>
        )}
      </div>
      <div className="editor">
        <div className="gutter" ref={gutter} aria-hidden="true">
          {Array.from({ length: lineCount }, (_, i) => {
            const here = byLine.get(i + 1);
            return (
              <div key={i} className={here ? 'line-number has-error' : 'line-number'} data-line={i + 1} title={here?.map((e) => e.message).join('\n')}>
                {here ? '●' : ''}
                {i + 1}
              </div>
            );
          })}
        </div>
        <textarea
          ref={area}
          className="code"
          spellCheck={false}
          wrap="off"
          value={draft}
          aria-label="Profile text"
          onScroll={onScroll}
          onChange={(event) => {
            setDraft(event.target.value);
            onChange(event.target.value);
          }}
        />
      </div>
      {errors.length > 0 && (
        <ol className="errors" data-testid="profile-errors">
          {errors.map((e, i) => (
            <li key={i} data-line={e.line} data-column={e.column}>
              <button className="error-link" onClick={() => goTo(e)}>
                <span className="where mono">
                  line {e.line}, column {e.column}
                </span>
                <span className="message">{e.message}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
