// A parse worker that cannot start (as when its modules are missing): parse-pool.test.ts checks
// that the pool then parses on the calling thread.
throw new Error('this worker cannot start');
