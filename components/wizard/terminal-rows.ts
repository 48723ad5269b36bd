// No wizard frame is taller than the terminal, whatever a step holds: a taller frame makes Ink
// clear the whole screen on every redraw, and the rows that scrolled off cannot be erased any more.
// Ink 6 has no maxHeight prop, so the bound is set on the frame's layout node directly, and on a
// resize before Ink lays out and draws again (our listener runs ahead of Ink's).
import { useLayoutEffect, type RefObject } from 'react';
import { useStdout, type DOMElement } from 'ink';

export function useTerminalBound(ref: RefObject<DOMElement | null>): void {
  // Ink 8 types the stream as a plain writable; it is the process's (or the test's) tty stream.
  const stdout = useStdout().stdout as NodeJS.WriteStream;
  useLayoutEffect(() => {
    const apply = () => {
      const rows = stdout.rows;
      // One row is left for the newline Ink writes after a frame shorter than the terminal.
      if (rows && rows > 1) ref.current?.yogaNode?.setMaxHeight(rows - 1);
    };
    apply();
    stdout.prependListener('resize', apply);
    return () => {
      stdout.off('resize', apply);
    };
  }, [stdout, ref]);
}
