import { describe, expect, it } from 'vitest';
import { classifyFailure, classifyFailureMessage, classifyHttpStatus } from '../../src/auth/failure-classify.js';

describe('classifyFailure', () => {
  it.each([
    ['429 Too Many Requests', 'rate_limit'],
    ['Rate limit reached for requests', 'rate_limit'],
    ['You exceeded your current quota', 'rate_limit'],
    ['RESOURCE_EXHAUSTED', 'rate_limit'],
    ['usage limit reached', 'rate_limit'],
    ['Overloaded', 'rate_limit'],
    ['messages.1.content.0.tool_use.id: String should match pattern', 'format'],
    ['invalid request format', 'format'],
    ['402 Payment Required', 'billing'],
    ['Your credit balance is too low to access the Anthropic API', 'billing'],
    ['insufficient credits', 'billing'],
    ['Go to Plans & Billing to upgrade', 'billing'],
    ['billing: please upgrade your plan', 'billing'],
    ['request timed out', 'timeout'],
    ['deadline exceeded', 'timeout'],
    ['Invalid API key', 'auth'],
    ['invalid x-api-key', 'auth'],
    ['401 Unauthorized', 'auth'],
    ['403 Forbidden', 'auth'],
    ['OAuth token has expired', 'auth'],
    ['No API key found for provider "anthropic"', 'auth'],
    ['something odd happened', 'unknown'],
  ])('%s -> %s', (message, want) => {
    expect(classifyFailure(message)).toBe(want);
    expect(classifyFailure(new Error(message))).toBe(want);
  });

  it('first rule wins: rate limit text beats a 401 in the same message', () => {
    expect(classifyFailureMessage('401: rate limit')).toBe('rate_limit');
  });

  it.each([
    [402, 'billing'],
    [429, 'rate_limit'],
    [401, 'auth'],
    [403, 'auth'],
    [408, 'timeout'],
    [400, 'format'],
    [500, undefined],
  ])('HTTP %i -> %s', (status, want) => expect(classifyHttpStatus(status)).toBe(want));

  it('falls back to the status when the message says nothing', () => {
    expect(classifyFailure('request failed', 429)).toBe('rate_limit');
    expect(classifyFailure({ message: 'nope', status: 402 })).toBe('billing');
    expect(classifyFailure('request failed', 500)).toBe('unknown');
  });

  it('message beats status (a 400 about credit balance is billing)', () => {
    expect(classifyFailure('Your credit balance is too low', 400)).toBe('billing');
  });

  it('an abort is a timeout', () => {
    const e = new Error('The operation was aborted');
    e.name = 'AbortError';
    expect(classifyFailure(e)).toBe('timeout');
  });
});
