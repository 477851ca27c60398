import { useCallback, useRef, useState } from 'react';
import { api } from './api';
import type { OpenProfile } from './profile-state';

/**
 * The profile open, how it was opened and what was done to it: a built-in,
 * a file, an edit, a revert. Edits of each built-in are kept when another
 * profile is opened: coming back shows the text as it was left (opening
 * another threw the edits away, without a word). A file opened again is read
 * afresh. Each opening is numbered: its results, its editor and its controls
 * belong to it alone (a second file of the same name kept the first one's
 * text in the editor, and its results).
 */
export function useOpenProfile(onProblem: (problem: string | null) => void) {
  const [profile, setProfile] = useState<OpenProfile | null>(null);
  const edits = useRef(new Map<string, string>());
  const openings = useRef(0);
  // Bumped by a revert: the editor keeps a draft of its own, and starts afresh.
  const [reverts, setReverts] = useState(0);

  const openBuiltin = useCallback(
    async (id: string) => {
      const r = await api().readProfile({ id });
      if (!r.ok) return onProblem(r.error);
      setProfile({ ...r.value, text: edits.current.get(id) ?? r.value.text, builtinId: id, original: r.value.text, opening: ++openings.current });
      onProblem(null);
    },
    [onProblem],
  );

  const openText = useCallback(
    (file: string, text: string) => {
      setProfile({ file, text, builtinId: null, original: text, opening: ++openings.current });
      onProblem(null);
    },
    [onProblem],
  );

  const edit = useCallback((open: OpenProfile, text: string) => {
    if (open.builtinId !== null) {
      if (text === open.original) edits.current.delete(open.builtinId);
      else edits.current.set(open.builtinId, text);
    }
    setProfile({ ...open, text });
  }, []);

  const revert = useCallback(
    (open: OpenProfile) => {
      edit(open, open.original);
      setReverts((n) => n + 1);
    },
    [edit],
  );

  return { profile, reverts, openBuiltin, openText, edit, revert };
}
