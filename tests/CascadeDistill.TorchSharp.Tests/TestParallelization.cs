// Torch's intra-op thread count is process-wide and training tests compare exact weights, so
// the tests of this assembly run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
