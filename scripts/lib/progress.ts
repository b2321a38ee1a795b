// A one-line progress bar on stderr for long jobs (imports, issuing, reindexing).
// On a non-TTY (CI logs) it prints a line every 10% instead of redrawing.

export interface ProgressBar {
  update(done: number, total: number): void;
  finish(): void;
}

/** Create a progress bar labelled with the job's name. */
export function createProgressBar(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const started = Date.now();
  let lastTenth = -1;
  let drawn = false;
  return {
    update(done, total) {
      const ratio = total === 0 ? 1 : Math.min(1, done / total);
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round(ratio * width);
        stream.write(`\r${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${(ratio * 100).toFixed(0)}% ${secs}s`);
        drawn = true;
      } else {
        const tenth = Math.floor(ratio * 10);
        if (tenth !== lastTenth) {
          lastTenth = tenth;
          stream.write(`${label}: ${done}/${total} (${(ratio * 100).toFixed(0)}%) ${secs}s\n`);
        }
      }
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}
