namespace ApiMigrator.Tests.Llm;

/// <summary>
/// Tests that talk to a local HTTP server with timeouts, retries and concurrency limits. They run on their
/// own, not beside the CPU-heavy tests (whole standard libraries parsed with Parallel.ForEach): on a
/// 2-core machine those starve the thread pool that serves the scripted server, and a timeout test
/// would then measure the machine, not the code.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "timing-sensitive (runs alone)";
}
