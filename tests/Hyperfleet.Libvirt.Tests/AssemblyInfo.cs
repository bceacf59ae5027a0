// The test driver keeps one state per process, shared by every connection: tests that count events
// see each other's domains when run in parallel, so this assembly runs its (fast) tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
