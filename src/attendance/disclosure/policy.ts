/**
 * How small a count of women must be before it is hidden above the facilitator. Organisation
 * config (`disclosure.hideUpTo` in content/organisation.yaml); the default hides 1 to 4.
 */
export interface DisclosurePolicy {
  /** Counts from 1 up to this are small: never published, never derivable. */
  hideUpTo: number;
}

export const defaultPolicy: DisclosurePolicy = { hideUpTo: 4 };

/** A count that could point at one woman: 1 to `hideUpTo`. Zero names no one. */
export const isSmall = (n: number, policy: DisclosurePolicy) => n >= 1 && n <= policy.hideUpTo;

/** How a hidden count is shown: one word for every hidden cell, so the label itself tells nothing. */
export const HIDDEN = 'oculto' as const;
