// A small spinner for work that waits on the network or a lock. Only this leaf re-renders.
import React, { useEffect, useState } from 'react';
import { Text } from 'ink';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function Spinner({ label, intervalMs = 120 }: { label: string; intervalMs?: number }): React.JSX.Element {
  const [i, setI] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setI((n) => (n + 1) % FRAMES.length), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return (
    <Text>
      <Text color="cyan">{FRAMES[i]}</Text> {label}
    </Text>
  );
}
