// Key hints shared by the wizard's steps.
import { BACK_HINT, CANCEL_HINT, type Hint } from '../../common/KeyHints.js';

export const SELECT_HINTS: Hint[] = [['↑/↓', 'move'], ['Enter', 'choose'], BACK_HINT, CANCEL_HINT];
export const TEXT_HINTS: Hint[] = [['Enter', 'continue'], BACK_HINT, CANCEL_HINT];

/** The first step shown has nothing to go back to. */
export function hintsFor(base: Hint[], canGoBack: boolean): Hint[] {
  return canGoBack ? base : base.filter((h) => h !== BACK_HINT);
}
