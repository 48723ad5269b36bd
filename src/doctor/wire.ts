// The real engine behind doctor's injected dependencies: external CLI sync, the status report,
// OAuth refresh. Kept apart from run.ts so tests can run doctor with fakes or with these.
import type { DoctorDeps } from './types.js';

export async function wireDoctorDeps(): Promise<DoctorDeps> {
  return {};
}
