// Runs the `interleave` command as it is, and prints its peak memory (max RSS, KiB) to stderr on exit.
process.on('exit', () => process.stderr.write(`\nmax_rss_kib ${process.resourceUsage().maxRSS}\n`));
await import('../bin/interleave.cjs');
