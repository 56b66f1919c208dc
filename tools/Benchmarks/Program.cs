using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using CardFirmware.Benchmarks;

// Runs the managed, BouncyCastle and (when installed) libsecp256k1 benchmarks, then prints
// per-operation ratios. Pass BenchmarkDotNet arguments through, e.g. `--job short --filter *`.
var types = new List<Type> { typeof(ManagedBenchmarks), typeof(BouncyCastleBenchmarks) };
if (LibSecp256k1.IsAvailable())
{
    types.Add(typeof(LibSecp256k1Benchmarks));
}
else
{
    Console.WriteLine("libsecp256k1.so.1 not found: libsecp256k1 rows skipped (apt-get install -y libsecp256k1-1).");
}

var arguments = args.Length == 0 ? new[] { "--job", "short", "--filter", "*" } : args;
var summaries = BenchmarkSwitcher.FromTypes(types.ToArray()).Run(arguments).ToList();

double? Mean(string type, string method)
{
    foreach (var summary in summaries)
    {
        foreach (BenchmarkReport report in summary.Reports)
        {
            var d = report.BenchmarkCase.Descriptor;
            if (d.Type.Name == type && d.WorkloadMethod.Name == method && report.ResultStatistics is not null)
            {
                return report.ResultStatistics.Mean / 1000.0;
            }
        }
    }

    return null;
}

string Format(double? us) => us is null ? "n/a" : us.Value.ToString("F2") + " us";

string Ratio(double? a, double? b) => a is null || b is null ? "n/a" : (a.Value / b.Value).ToString("F2") + "x";

Console.WriteLine();
Console.WriteLine("| operation | managed | BouncyCastle | libsecp256k1 | BC / managed | managed / libsecp256k1 |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var op in new[] { "EcdsaSign", "EcdsaVerify", "VariableBaseMul", "FixedBaseMul", "SchnorrSign", "SchnorrVerify", "Sha256_64B", "Sha256_1KiB" })
{
    var managed = Mean(nameof(ManagedBenchmarks), op);
    var bc = Mean(nameof(BouncyCastleBenchmarks), op);
    var native = Mean(nameof(LibSecp256k1Benchmarks), op);
    Console.WriteLine($"| {op} | {Format(managed)} | {Format(bc)} | {Format(native)} | {Ratio(bc, managed)} | {Ratio(managed, native)} |");
}
