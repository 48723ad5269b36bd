// What the wizard root hands every step: only the sign-in steps use it (where the browser is,
// the SSH tunnel command for this host, whether URLs are written as terminal hyperlinks).
export interface StepProps {
  remote: boolean;
  tunnelHint: (port: number) => string;
  links: boolean;
}
