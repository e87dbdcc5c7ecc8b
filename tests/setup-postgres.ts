// Second setup file of the server-pg project: each file's PostgreSQL databases are dropped when
// the file ends, so a run holds a few at a time on disk rather than every one it made.
import { afterAll } from 'vitest';
import { dropTestDatabases } from './fixtures/db';

afterAll(dropTestDatabases);
