using System.Diagnostics;
using System.Text.Json;
using CardFirmware.CardTime;
using CardFirmware.DeviceMeter.Operations;

namespace CardFirmware.DeviceMeter;

/// <summary>The meter's output: a console table and a JSON file that scripts can read.</summary>
public static class Report
{
    /// <summary>The operations whose top methods the console shows.</summary>
    public const string DetailedOperation = "tap-session";

    /// <summary>Prints the table, the top methods of the tap session and the notes.</summary>
    public static void Print(TextWriter output, IReadOnlyList<OperationResult> results, CostTable costs, string command)
    {
        output.WriteLine($"Card-side cost per operation (instrumented card assemblies; phone side not counted). Reproduce: {command}");
        output.WriteLine($"Estimated ESP32-S3 time: {costs.IlPerSecond.Low / 1e6:G}-{costs.IlPerSecond.High / 1e6:G} M IL/s, {costs.InteropCall.Low:G}-{costs.InteropCall.High:G} us per native call (an estimate; sources: --card-time-assumptions).");
        output.WriteLine();
        output.WriteLine($"{"operation",-28} {"IL executed",15} {"native calls",12} {"lib calls",10} {"allocs",9} {"alloc bytes",12} {"peak live",10} {"est. card time",18}");
        foreach (var r in results)
        {
            var estimate = Estimate(costs, r);
            output.WriteLine($"{r.Id,-28} {r.Il,15:N0} {r.NativeCalls,12:N0} {r.LibraryCalls,10:N0} {r.Allocations,9:N0} {r.AllocatedBytes,12:N0} {r.PeakLiveBytes,10:N0} {estimate,18}");
        }

        output.WriteLine();
        foreach (var r in results)
        {
            output.WriteLine($"  {r.Id}: {r.Title}; {r.Route}{(r.Note.Length > 0 ? "; " + r.Note : "")}");
        }

        var detailed = results.FirstOrDefault(r => r.Id == DetailedOperation);
        if (detailed is not null)
        {
            output.WriteLine();
            output.WriteLine($"Top methods by IL, {detailed.Id} ({detailed.Il:N0} IL):");
            foreach (var method in detailed.TopMethods)
            {
                output.WriteLine($"  {method.Il,15:N0} {100.0 * method.Il / detailed.Il,5:F1} %  {method.Method}");
            }

            output.WriteLine($"Top types by IL, {detailed.Id}:");
            foreach (var type in detailed.TopTypes)
            {
                output.WriteLine($"  {type.Il,15:N0} {100.0 * type.Il / detailed.Il,5:F1} %  {type.Method}");
            }

            output.WriteLine($"Native calls, {detailed.Id}: " + string.Join(", ", detailed.TopNativeTargets.Select(t => $"{t.Method} x{t.Il:N0}")));
            output.WriteLine($"Native calls by caller, {detailed.Id}:");
            foreach (var caller in detailed.TopNativeCallers)
            {
                output.WriteLine($"  {caller.Il,15:N0}  {caller.Method}");
            }

            output.WriteLine($"Live at the peak sample ({detailed.PeakLiveBytes:N0} B, taken {detailed.PeakPhase}), {detailed.Id}, by allocation site:");
            foreach (var site in detailed.PeakLiveBySite)
            {
                output.WriteLine($"  {site.Il,15:N0} B  {site.Method}");
            }
        }

        output.WriteLine();
        output.WriteLine("peak live = largest sampled live managed heap (nanoCLR sizes) of card-allocated objects, boot buffers included; sampled every few hundred allocations, so a lower bound.");
        output.WriteLine("lib calls = calls into base-class-library methods that are managed on nanoFramework: their IL is not counted.");
    }

    /// <summary>Card time of one operation: IL and interop from the table, plus the native module's work (per byte or per block where the table prices so).</summary>
    public static CardTimeEstimate Estimate(CostTable costs, OperationResult r) =>
        costs.Estimate(r.Il, r.NativeCalls) + costs.EstimateNativeWork(r.TopNativeTargets.Select(t =>
            (t.Method, t.Il, r.NativeTargetUnits.FirstOrDefault(b => b.Method == t.Method)?.Il ?? 0L)));

    /// <summary>Writes the results, the cost table and the provenance as JSON.</summary>
    public static void WriteJson(string path, IReadOnlyList<OperationResult> results, CostTable costs, string command, int seed)
    {
        var document = new
        {
            command,
            commit = GitCommit(),
            seed,
            costTable = costs.Figures,
            operations = results.Select(r =>
            {
                var estimate = Estimate(costs, r);
                return new
                {
                    r.Id, r.Title, r.Route, r.Il, r.NativeCalls, r.LibraryCalls, r.Allocations, r.AllocatedBytes, r.PeakLiveBytes,
                    estimatedSeconds = new { low = estimate.LowSeconds, high = estimate.HighSeconds },
                    r.TopMethods, r.TopTypes, r.TopNativeTargets, r.NativeTargetUnits, r.TopNativeCallers, r.PeakLiveBySite, r.PeakPhase, r.Note,
                };
            }),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
    }

    /// <summary>The current commit (with "+changes" when the work tree differs), or "unknown".</summary>
    public static string GitCommit()
    {
        try
        {
            var head = Git("rev-parse HEAD");
            var dirty = Git("status --porcelain --untracked-files=no -- crypto drivers firmware");
            return head.Length == 0 ? "unknown" : head + (dirty.Length > 0 ? "+changes" : "");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    /// <summary>The last commit that changed card code (crypto, drivers, firmware), with "+changes" when the work tree differs there.</summary>
    public static string CardCodeCommit()
    {
        try
        {
            var last = Git("log -1 --format=%H -- crypto drivers firmware");
            var dirty = Git("status --porcelain --untracked-files=no -- crypto drivers firmware");
            return last.Length == 0 ? "unknown" : last + (dirty.Length > 0 ? "+changes" : "");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private static string Git(string arguments)
    {
        using var git = Process.Start(new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var text = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return git.ExitCode == 0 ? text : "";
    }
}
