import { useEffect, useState } from 'react';

type Theme = 'light' | 'dark';

function initialTheme(): Theme {
  const saved = localStorage.getItem('interleave.theme');
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem('interleave.theme', theme);
  }, [theme]);
  return (
    <button className="ghost" data-testid="theme-toggle" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')} title="Switch light and dark">
      {theme === 'dark' ? '☀ Light' : '☾ Dark'}
    </button>
  );
}
