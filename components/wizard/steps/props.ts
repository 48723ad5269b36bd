// What the wizard root hands every step: only the sign-in step uses it (where the browser is,
// and the SSH tunnel command for this host).
export interface StepProps {
  remote: boolean;
  tunnelHint: (port: number) => string;
}
