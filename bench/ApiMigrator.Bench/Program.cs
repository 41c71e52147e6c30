using ApiMigrator.Bench;

// The whole dispatcher: one benchmark per file, listed here. Add `learn`, `migrate` … the same way.
IBenchmark[] benchmarks =
[
    new ParseBenchmark(),
    new HostileBenchmark(),
    new StagesBenchmark(),
];

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    PrintUsage(Console.Out);
    return args.Length == 0 ? BenchArgs.UsageError : 0;
}

var bench = Array.Find(benchmarks, b => b.Name == args[0]);
if (bench is null)
{
    Console.Error.WriteLine($"unknown benchmark '{args[0]}'");
    PrintUsage(Console.Error);
    return BenchArgs.UsageError;
}
return bench.Run(args[1..]);

void PrintUsage(TextWriter w)
{
    w.WriteLine("usage: ApiMigrator.Bench <benchmark> [options]   (build with -c Release; Debug figures mean nothing)");
    w.WriteLine();
    foreach (var b in benchmarks) w.WriteLine($"  {b.Name,-10} {b.Description}");
    w.WriteLine();
    w.WriteLine("ApiMigrator.Bench <benchmark> --help lists that benchmark's options.");
}
