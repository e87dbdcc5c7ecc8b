// One setup file for the server test project. Tests that read ../shared/data use
// tests/fixtures/shared-data.ts, which skips with a clear message when the folder is absent.
process.env.TZ = 'UTC';
