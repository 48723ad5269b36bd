// One component per wizard step. Each renders inside StepFrame ("Step n of m", one-line
// explanation, key hints) and talks only to the wizard store.
import React, { useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { StepFrame } from '../common/StepFrame.js';
import { SelectList, type SelectItem } from '../common/SelectList.js';
import { CheckList } from '../common/CheckList.js';
import { TextField } from '../common/TextField.js';
import { MaskedInput } from '../common/MaskedInput.js';
import { Spinner } from '../common/Spinner.js';
import { BACK_HINT, CANCEL_HINT, type Hint } from '../common/KeyHints.js';
import {
  type MethodId,
  type Placement,
  type ProviderChoice,
  type StepId,
  METHODS,
  PLACEMENTS,
  PROVIDER_CHOICES,
  STEP_TEXT,
  describeProbe,
  probeSecret,
  methodsFor,
  modelChoices,
  nextCommands,
  profileIdOf,
  siblingProfiles,
  stepCounter,
  storageProvider,
  summaryLines,
} from '../../flows/onboard.js';
import { describeReuse } from '../../flows/reuse.js';
import { signInView } from '../../flows/codex-oauth.js';
import { deviceView } from '../../flows/codex-device.js';
import type { DeviceInfo } from '../../src/state/wizard-store.js';
import { useWizard, useWizardStore } from './context.js';
// Ids already in the store come from a file people edit by hand: control characters escaped.
import { displaySafe } from '../../src/util/sanitize.js';

const SELECT_HINTS: Hint[] = [['↑/↓', 'move'], ['Enter', 'choose'], BACK_HINT, CANCEL_HINT];
const TEXT_HINTS: Hint[] = [['Enter', 'continue'], BACK_HINT, CANCEL_HINT];

function useFrame(step: StepId) {
  const data = useWizard((s) => s.data);
  const error = useWizard((s) => s.error);
  const note = useWizard((s) => s.note);
  const history = useWizard((s) => s.history);
  const counter = stepCounter(data, step);
  const { title, explain } = STEP_TEXT[step];
  return { data, error, note, counter, title, explain, canGoBack: history.length > 0 };
}

function hintsFor(base: Hint[], canGoBack: boolean): Hint[] {
  return canGoBack ? base : base.filter((h) => h !== BACK_HINT);
}

export function CopyStep(): React.JSX.Element {
  const f = useFrame('copy');
  const store = useWizardStore();
  const items = f.data.copyCandidates.map((c) => ({ value: c.id, label: c.id, hint: `${c.type} ${c.masked}` }));
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={[['↑/↓', 'move'], ['Space', 'toggle'], ['Enter', 'continue'], CANCEL_HINT]}>
      <Text>{`Agent "${f.data.agentId}" has no credentials yet. Copy from main:`}</Text>
      <CheckList items={items} checked={f.data.copy} onToggle={(id) => store.getState().toggleCopy(id)} onConfirm={() => store.getState().confirmCopy()} />
    </StepFrame>
  );
}

export function ProviderStep(): React.JSX.Element {
  const f = useFrame('provider');
  const store = useWizardStore();
  const existing = Object.keys(f.data.existing);
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={hintsFor(SELECT_HINTS, f.canGoBack)}>
      {existing.length ? <Text dimColor>{`Agent ${f.data.agentId} already has: ${existing.map(displaySafe).join(', ')}`}</Text> : null}
      <SelectList<ProviderChoice>
        items={PROVIDER_CHOICES}
        initialValue={f.data.provider}
        onSelect={(p) => store.getState().selectProvider(p)}
        onBack={() => store.getState().back()}
      />
    </StepFrame>
  );
}

export function OtherProviderStep(): React.JSX.Element {
  const f = useFrame('other-provider');
  const draft = useWizard((s) => s.draft);
  const store = useWizardStore();
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={hintsFor(TEXT_HINTS, f.canGoBack)}>
      <TextField initialValue={draft} placeholder="openrouter" onSubmit={(v) => store.getState().submitOtherProvider(v)} onBack={() => store.getState().back()} />
    </StepFrame>
  );
}

export function ExpiryStep(): React.JSX.Element {
  const f = useFrame('expiry');
  const draft = useWizard((s) => s.draft);
  const store = useWizardStore();
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={hintsFor(TEXT_HINTS, f.canGoBack)}>
      <Text>Expires in (e.g. 30d, 12h, 90m; empty = no expiry):</Text>
      <TextField initialValue={draft} placeholder="no expiry" onSubmit={(v) => store.getState().submitExpiry(v)} onBack={() => store.getState().back()} />
    </StepFrame>
  );
}

export function MethodStep(): React.JSX.Element {
  const f = useFrame('method');
  const store = useWizardStore();
  const detected = useWizard((s) => s.detected);
  const now = useWizard((s) => s.now);
  const items: Array<SelectItem<MethodId>> = methodsFor(f.data.provider).map((id) => {
    const m = METHODS[id];
    if (id === 'claude-cli' || id === 'codex-cli') {
      const read = id === 'claude-cli' ? detected.claude : detected.codex;
      const r = describeReuse(id === 'claude-cli' ? 'Claude Code' : 'Codex CLI', read, now);
      return { value: id, label: m.label, hint: r.line, disabled: read !== undefined && !r.available };
    }
    return { value: id, label: m.label, hint: m.description };
  });
  // The provider chosen, not where the credential will be stored: that depends on the method
  // (ChatGPT sign-in is stored as openai-codex), and the title must not change on coming back.
  const provider = f.data.provider === 'other' ? (f.data.otherProvider ?? '') : (f.data.provider ?? '');
  return (
    <StepFrame counter={f.counter} title={`${f.title}${provider ? ` (${provider})` : ''}`} explain={f.explain} error={f.error} hints={hintsFor(SELECT_HINTS, f.canGoBack)}>
      <SelectList<MethodId> items={items} initialValue={f.data.method} onSelect={(m) => store.getState().selectMethod(m)} onBack={() => store.getState().back()} />
    </StepFrame>
  );
}

const SECRET_PROMPT: Partial<Record<MethodId, string>> = {
  'anthropic-api-key': 'Paste your Anthropic API key (console.anthropic.com → API keys):',
  'setup-token': 'Run `claude setup-token` in another terminal, then paste the token it prints:',
  'openai-api-key': 'Paste your OpenAI API key (platform.openai.com → API keys):',
  'other-api-key': 'Paste the API key:',
  'other-token': 'Paste the token:',
  'key-ref': 'Where the key lives: env:NAME (an environment variable), or <alias>:<id> of a provider under secrets.providers:',
};

export function SecretStep(): React.JSX.Element {
  const f = useFrame('secret');
  const store = useWizardStore();
  const [attempt, setAttempt] = useState(0);
  const method = f.data.method;
  const provider = storageProvider(f.data);
  return (
    <StepFrame
      counter={f.counter}
      title={`${f.title}: ${method ? METHODS[method].label : ''}${provider ? ` (${provider})` : ''}`}
      explain={f.explain}
      error={f.error}
      hints={[['Enter', 'continue'], ['Esc', 'back'], CANCEL_HINT]}
    >
      <Text>{(method && SECRET_PROMPT[method]) ?? 'Paste it:'}</Text>
      {method && METHODS[method].kind === 'ref' ? (
        <TextField initialValue="" onSubmit={(v) => store.getState().submitSecret(v)} onBack={() => store.getState().back()} />
      ) : (
      <MaskedInput
        key={attempt}
        // Coming back to this step keeps what was pasted (hidden, with its length shown); after a
        // rejected paste the field starts empty.
        initialValue={attempt === 0 && f.data.credential ? probeSecret(f.data.credential) : ''}
        onSubmit={(v) => {
          store.getState().submitSecret(v);
          // A rejected value is cleared: pasting again is the fix, and it cannot be seen anyway.
          if (store.getState().error) setAttempt((n) => n + 1);
        }}
        onBack={() => store.getState().back()}
      />
      )}
    </StepFrame>
  );
}

export function ReuseStep(): React.JSX.Element {
  const f = useFrame('reuse');
  const store = useWizardStore();
  const reuse = useWizard((s) => s.reuse);
  const busy = useWizard((s) => s.busy);
  const now = useWizard((s) => s.now);
  const tool = f.data.method === 'claude-cli' ? 'Claude Code' : 'Codex CLI';
  const r = describeReuse(tool, reuse, now);
  const items: Array<SelectItem<'use' | 'back'>> = r.available
    ? [{ value: 'use', label: `Use this ${tool} login` }, { value: 'back', label: 'Choose another way' }]
    : [{ value: 'back', label: 'Choose another way' }];
  return (
    <StepFrame counter={f.counter} title={`${f.title}: ${tool}`} explain={f.explain} error={f.error} hints={SELECT_HINTS}>
      {busy ? (
        <>
          <Spinner label={busy} />
          <EscBack />
        </>
      ) : (
        <Text color={r.available ? 'green' : 'yellow'}>{r.line}</Text>
      )}
      {reuse?.found ? <Text dimColor>{`from ${reuse.path}; clawdbot keeps its own copy as ${f.data.method === 'claude-cli' ? 'anthropic:claude-cli' : 'openai-codex:codex-cli'}`}</Text> : null}
      {!busy ? (
        <SelectList<'use' | 'back'>
          items={items}
          onSelect={(v) => (v === 'use' ? store.getState().confirmReuse() : store.getState().back())}
          onBack={() => store.getState().back()}
        />
      ) : null}
    </StepFrame>
  );
}

/**
 * A sign-in URL, the last thing in the frame: nothing is drawn after it, so it is never pushed off
 * the top of a small terminal, and it goes away with the step that showed it. It is part of the
 * live frame, not Ink's <Static> output: Static text stays in the scrollback for good, and Ink
 * keeps composing a <Static> node after it unmounts (its freed layout node reads back as an
 * enormous size, and Ink allocated a grid of that size on every spinner tick: the runaway of
 * issue 20). No margin or padding before it, so every wrapped row but the last is a full terminal
 * row and the terminal joins them back into one line on copy.
 */
function UrlBlock({ url }: { url: string }): React.JSX.Element {
  return (
    <Box marginTop={1}>
      <Text>{url}</Text>
    </Box>
  );
}

export function SignInStep({ remote, tunnelHint }: { remote: boolean; tunnelHint: (port: number) => string }): React.JSX.Element {
  const f = useFrame('signin');
  const store = useWizardStore();
  const signin = useWizard((s) => s.signin);
  const busy = useWizard((s) => s.busy);
  const now = useWizard((s) => s.now);
  const [attempt, setAttempt] = useState(0);
  if (!signin) {
    return (
      <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={[BACK_HINT, CANCEL_HINT]}>
        {f.error ? <TryAgain /> : <><Spinner label={busy ?? 'Starting sign-in…'} /><EscBack /></>}
      </StepFrame>
    );
  }
  const view = signInView({
    remote,
    browserOpened: signin.browserOpened,
    callbackPort: signin.callbackPort,
    ...(signin.callbackProblem ? { callbackProblem: signin.callbackProblem } : {}),
    tunnelHint: tunnelHint(signin.callbackPort ?? 1455),
    deadline: signin.deadline,
    now,
  });
  return (
    <>
      <StepFrame counter={f.counter} title={`${f.title} with ChatGPT`} explain={f.explain} error={f.error} hints={[['Enter', 'submit pasted URL'], BACK_HINT, CANCEL_HINT]}>
        <Text>{view.intro}</Text>
        {view.tunnel ? (
          <>
            <Text color="yellow">{view.tunnelLead}</Text>
            <Text bold>{`  ${view.tunnel}`}</Text>
          </>
        ) : null}
        {view.pasteLead.map((l) => (
          <Text key={l}>{l}</Text>
        ))}
        <MaskedInput
          key={attempt}
          onSubmit={(v) => {
            void store
              .getState()
              .submitPaste(v)
              .then(() => {
                if (store.getState().error) setAttempt((n) => n + 1);
              });
          }}
          onBack={() => store.getState().back()}
        />
        {busy ? <Spinner label={`${busy} (${view.timeLeft})`} /> : <Text color="yellow">The sign-in stopped; press Esc to start again or choose another way.</Text>}
        {view.deviceNote ? <Text dimColor>{view.deviceNote}</Text> : null}
      </StepFrame>
      <UrlBlock url={signin.url} />
    </>
  );
}

export function DeviceStep(): React.JSX.Element {
  const f = useFrame('device');
  const device = useWizard((s) => s.device);
  const busy = useWizard((s) => s.busy);
  const now = useWizard((s) => s.now);
  return (
    <>
      <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={[BACK_HINT, CANCEL_HINT]}>
        {device ? <DeviceBody device={device} now={now} busy={busy} /> : f.error ? null : <Spinner label={busy ?? 'Asking for a device code…'} />}
        {f.error ? <TryAgain /> : <EscBack />}
      </StepFrame>
      {device ? <UrlBlock url={device.verificationUrl} /> : null}
    </>
  );
}

function DeviceBody({ device, now, busy }: { device: DeviceInfo; now: number; busy: string | undefined }) {
  const v = deviceView({ ...device, now });
  return (
    <Box flexDirection="column">
      <Text>{v.intro}</Text>
      <Text>
        Code: <Text bold color="cyan">{v.code}</Text>
      </Text>
      {busy ? <Spinner label={`${busy} (${v.timeLeft})`} /> : null}
    </Box>
  );
}

/** While something is waited for (a sign-in starting, a device code, the live check): Esc goes back and stops it. */
function EscBack(): null {
  const store = useWizardStore();
  useInput((_input, key) => {
    if (key.escape) store.getState().back();
  });
  return null;
}

/** After a failed sign-in: Esc (or Enter) goes back to the method list. */
function TryAgain(): React.JSX.Element {
  const store = useWizardStore();
  return <SelectList<'back'> items={[{ value: 'back', label: 'Back: try again or choose another way' }]} onSelect={() => store.getState().back()} onBack={() => store.getState().back()} />;
}

export function NameStep(): React.JSX.Element {
  const f = useFrame('name');
  const draft = useWizard((s) => s.draft);
  const store = useWizardStore();
  const provider = storageProvider(f.data) ?? '';
  const others = Object.keys(f.data.existing).filter((id) => id.startsWith(`${provider}:`));
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} note={f.note} hints={TEXT_HINTS}>
      <Text>{`The profile id will be ${provider}:<name>. Press Enter to accept the suggestion.`}</Text>
      {others.length ? <Text dimColor>{`Existing ${provider} profiles: ${others.map(displaySafe).join(', ')}`}</Text> : null}
      <TextField initialValue={draft} onSubmit={(v) => store.getState().submitName(v)} onBack={() => store.getState().back()} />
    </StepFrame>
  );
}

export function OverwriteStep(): React.JSX.Element {
  const f = useFrame('overwrite');
  const store = useWizardStore();
  const id = profileIdOf(f.data) ?? '';
  const ex = f.data.existing[id];
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={SELECT_HINTS}>
      <Text color="yellow">{`${id} already exists (${ex?.type ?? ''} ${ex?.masked ?? ''}). Replacing it loses that credential.`}</Text>
      <SelectList<'rename' | 'replace'>
        items={[
          { value: 'rename', label: 'Choose another name' },
          { value: 'replace', label: `Replace ${id}` },
        ]}
        onSelect={(v) => store.getState().confirmOverwrite(v)}
        onBack={() => store.getState().back()}
      />
    </StepFrame>
  );
}

export function PositionStep(): React.JSX.Element {
  const f = useFrame('position');
  const store = useWizardStore();
  const siblings = siblingProfiles(f.data);
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={SELECT_HINTS}>
      <Text dimColor>{`Current order: ${siblings.join(' → ')}`}</Text>
      <SelectList<Placement> items={PLACEMENTS} initialValue={f.data.placement} onSelect={(p) => store.getState().selectPlacement(p)} onBack={() => store.getState().back()} />
    </StepFrame>
  );
}

export function CheckStep(): React.JSX.Element {
  const f = useFrame('check');
  const store = useWizardStore();
  const busy = useWizard((s) => s.busy);
  const probe = f.data.probe;
  const d = describeProbe(probe);
  const fixLabel = f.data.method && (METHODS[f.data.method].kind === 'secret' || METHODS[f.data.method].kind === 'ref') ? 'Fix: enter it again' : 'Fix: choose another way';
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={busy ? [BACK_HINT, CANCEL_HINT] : SELECT_HINTS}>
      {busy || !probe ? (
        <>
          <Spinner label={busy ?? 'Checking…'} />
          <EscBack />
        </>
      ) : (
        <>
          <Text color={d.ok ? 'green' : 'yellow'}>{`${d.ok ? '✓' : '✗'} ${d.line}`}</Text>
          <SelectList<'fix' | 'save' | 'cancel'>
            items={[
              { value: 'fix', label: fixLabel },
              { value: 'save', label: 'Save anyway' },
              { value: 'cancel', label: 'Cancel (nothing is written)' },
            ]}
            // When the check could not run (offline, no answer in time) the credential is as
            // likely good as bad: the pre-selected answer keeps it.
            initialValue={probe.status === 'network' || probe.status === 'timeout' ? 'save' : 'fix'}
            onSelect={(v) => store.getState().checkDecision(v)}
            onBack={() => store.getState().back()}
          />
        </>
      )}
    </StepFrame>
  );
}

export function SummaryStep(): React.JSX.Element {
  const f = useFrame('summary');
  const store = useWizardStore();
  const now = useWizard((s) => s.now);
  const lines = summaryLines(f.data, now);
  const width = Math.max(...lines.map(([k]) => k.length)) + 2;
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={[['Enter', 'save'], BACK_HINT, CANCEL_HINT]}>
      {lines.map(([k, v]) => (
        <Text key={k}>
          <Text dimColor>{k.padEnd(width)}</Text>
          {v}
        </Text>
      ))}
      <Box marginTop={1}>
        <SelectList<'save' | 'back'>
          items={[
            { value: 'save', label: 'Save' },
            { value: 'back', label: 'Go back and change something' },
          ]}
          onSelect={(v) => (v === 'save' ? void store.getState().save() : store.getState().back())}
          onBack={() => store.getState().back()}
        />
      </Box>
    </StepFrame>
  );
}

export function SavingStep(): React.JSX.Element {
  const f = useFrame('saving');
  const busy = useWizard((s) => s.busy);
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={f.error ? [BACK_HINT, CANCEL_HINT] : [CANCEL_HINT]}>
      {busy ? <Spinner label={busy} /> : null}
      {f.error ? <BackOnEsc /> : null}
    </StepFrame>
  );
}

function BackOnEsc(): React.JSX.Element {
  const store = useWizardStore();
  return <SelectList<'back'> items={[{ value: 'back', label: 'Back to the summary' }]} onSelect={() => store.getState().back()} onBack={() => store.getState().back()} />;
}

function SavedLine(): React.JSX.Element | null {
  const saved = useWizard((s) => s.data.saved);
  if (!saved) return null;
  const what = [saved.profileId, ...saved.copied].filter(Boolean).join(', ');
  return <Text color="green">{`✓ Saved ${what} to ${saved.storePath}`}</Text>;
}

export function ModelStep(): React.JSX.Element {
  const f = useFrame('model');
  const store = useWizardStore();
  const busy = useWizard((s) => s.busy);
  const items = modelChoices(f.data);
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={[['↑/↓', 'move'], ['Enter', 'choose'], ['Ctrl-C', 'quit (credential stays saved)']]}>
      <SavedLine />
      <Text>{f.data.currentModel ? `Current default: ${f.data.currentModel}` : 'No default model is configured yet.'}</Text>
      {busy ? <Spinner label={busy} /> : <SelectList<string> items={items} onSelect={(v) => void store.getState().selectModel(v)} />}
    </StepFrame>
  );
}

export function ModelCustomStep(): React.JSX.Element {
  const f = useFrame('model-custom');
  const store = useWizardStore();
  const draft = useWizard((s) => s.draft);
  return (
    <StepFrame counter={f.counter} title={f.title} explain={f.explain} error={f.error} hints={TEXT_HINTS}>
      <TextField initialValue={draft} placeholder="provider/model" onSubmit={(v) => void store.getState().submitModel(v)} onBack={() => store.getState().back()} />
    </StepFrame>
  );
}

export function DoneStep(): React.JSX.Element {
  const data = useWizard((s) => s.data);
  return (
    <Box flexDirection="column">
      <SavedLine />
      {!data.saved ? <Text>Nothing was set up; no file was changed.</Text> : null}
      {data.model ? <Text>{`Default model: ${data.model}`}</Text> : null}
      {data.model && data.modelProviderHasCredential === false ? (
        <Text color="yellow">{`! ${data.model.split('/')[0]} has no credential yet: run \`clawdbot onboard\` again for it, or requests with this model will fail.`}</Text>
      ) : null}
      <Box flexDirection="column" marginTop={1}>
        <Text bold>Next:</Text>
        {nextCommands(data).map((c) => (
          <Text key={c}>{`  ${c}`}</Text>
        ))}
      </Box>
    </Box>
  );
}
