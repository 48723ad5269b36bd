// What the save wrote, named for the screen: the new profile and the profiles copied from main.
import type { OnboardData } from '../../../src/state/wizard/index.js';

export function savedProfiles(saved: NonNullable<OnboardData['saved']>): string {
  return [saved.profileId, ...saved.copied].filter(Boolean).join(', ');
}
