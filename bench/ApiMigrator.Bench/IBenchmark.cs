namespace ApiMigrator.Bench;

/// <summary>
/// One benchmark program: a subcommand that measures and prints figures. It never asserts; a
/// benchmark that cannot run (bad option, missing corpus) says why and returns 2.
/// </summary>
internal interface IBenchmark
{
    /// <summary>The subcommand name ("parse").</summary>
    string Name { get; }

    /// <summary>One line for the usage listing.</summary>
    string Description { get; }

    /// <summary>Runs with the arguments after the subcommand name; returns the process exit code.</summary>
    int Run(string[] args);
}
