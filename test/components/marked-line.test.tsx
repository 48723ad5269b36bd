// Status lines after a mark (✓ ✗ !) and the key hints, in a terminal narrower than their text: the
// wrapped part stays under the text, so the marks form a column of their own; a hint moves to the
// next line whole.
import { renderInk, waitForFrame } from '../helpers/ink-ui.js'; // first: CI must be gone before Ink loads
import React from 'react';
import { Box } from 'ink';
import { afterEach, expect, it } from 'vitest';
import { MarkedLine } from '../../components/common/MarkedLine.js';
import { StepFrame } from '../../components/common/StepFrame.js';
import { KeyHints, type Hint } from '../../components/common/KeyHints.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

it('a step error and note longer than the width wrap under their first word, never under the mark', async () => {
  const ui = renderInk(
    <Box width={40}>
      <StepFrame title="Live check" hints={[]} error="could not reach https://api.anthropic.com (ECONNREFUSED); saving still works" note="the key in ANTHROPIC_API_KEY differs from the one pasted here">
        <MarkedLine mark="✓" color="green">
          ok: the provider accepted it (40 ms), and this line goes on past the width
        </MarkedLine>
      </StepFrame>
    </Box>,
  );
  unmount = ui.unmount;
  const frame = await waitForFrame(ui.frame, 'ECONNREFUSED');
  const rows = frame.split('\n').filter((l) => l.trim() !== '' && l !== 'Live check');
  for (const mark of ['✓ ok: the provider', '! the key in', '✗ could not reach']) expect(rows.some((l) => l.startsWith(mark)), mark).toBe(true);
  // Each of the three wraps (40 columns), and every row is a mark's or indented under its text.
  expect(rows.length).toBeGreaterThanOrEqual(6);
  for (const l of rows) expect(l, frame).toMatch(/^([✓✗!] {1}| {2})\S/);
});

it('key hints too long for the width move to the next line a whole hint at a time, at every width', async () => {
  const hints: Hint[] = [['↑/↓', 'move'], ['Space', 'toggle'], ['Enter', 'continue'], ['Ctrl-C', 'cancel']];
  const whole = '↑/↓ move · Space toggle · Enter continue · Ctrl-C cancel';
  for (let width = 24; width <= whole.length + 1; width++) {
    const ui = renderInk(
      <Box width={width}>
        <KeyHints hints={hints} />
      </Box>,
    );
    const rows = (await waitForFrame(ui.frame, 'cancel')).split('\n').map((l) => l.trimEnd());
    ui.unmount();
    const shown = `${width} columns:\n${rows.join('\n')}`;
    // No row starts with a space or a separator; each hint is on one row, with its key.
    for (const l of rows) expect(l, shown).toMatch(/^[^\s·]/);
    for (const [k, what] of hints) expect(rows.some((l) => l.includes(`${k} ${what}`)), shown).toBe(true);
    expect(rows.join(' ').replace(/ +/g, ' '), shown).toBe(whole);
    if (width > whole.length) expect(rows, shown).toHaveLength(1);
  }
});
