// Imported first by the Ink test helper (ink-ui.ts), before anything loads Ink: Ink decides at
// import whether it runs under CI (is-in-ci), and under CI it renders only the last frame.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
