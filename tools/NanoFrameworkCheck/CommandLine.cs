namespace CardFirmware.NanoFrameworkCheck;

/// <summary>The tool's commands: <c>refs</c>, <c>scan</c> and <c>nfproj</c> (see Program.cs).</summary>
public static class CommandLine
{
    /// <summary>Runs one command; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0)
        {
            error.WriteLine("usage: refs | scan | nfproj (see tools/NanoFrameworkCheck/README.md)");
            return 2;
        }

        try
        {
            var options = Options(args.Skip(1).ToArray());
            switch (args[0])
            {
                case "refs":
                    var written = ReferenceAssemblyBuilder.Build(
                        ApiSurface.Load(Single(options, "surface")), Single(options, "mscorlib"),
                        Many(options, "package"), Single(options, "out"));
                    foreach (var path in written)
                    {
                        output.WriteLine("reference-only: " + path);
                    }

                    return 0;
                case "scan":
                    var violations = IlScanner.Scan(
                        ApiSurface.Load(Single(options, "surface")), Many(options, "assembly"), Many(options, "card-reference"));
                    foreach (var violation in violations)
                    {
                        error.WriteLine(violation);
                    }

                    return violations.Count == 0 ? 0 : 1;
                case "nfproj":
                    var stale = NanoProjectWriter.WriteAll(Single(options, "repo"), check: options.ContainsKey("check"));
                    foreach (var path in stale)
                    {
                        error.WriteLine(path + " : error NFPROJ01: out of date with its card project's NanoFrameworkPackage items; run: dotnet run --project tools/NanoFrameworkCheck -- nfproj --repo .");
                    }

                    return stale.Count == 0 ? 0 : 1;
                default:
                    error.WriteLine("unknown command '" + args[0] + "'");
                    return 2;
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or IOException or NotSupportedException)
        {
            error.WriteLine("NanoFrameworkCheck : error NFCHECK01: " + e.Message);
            return 1;
        }
    }

    private static Dictionary<string, List<string>> Options(string[] args)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        string? key = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                key = arg.Substring(2);
                if (!result.ContainsKey(key))
                {
                    result[key] = new List<string>();
                }
            }
            else if (key is null)
            {
                throw new ArgumentException("value '" + arg + "' without an option");
            }
            else
            {
                result[key].AddRange(arg.Split(';', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return result;
    }

    private static string Single(Dictionary<string, List<string>> options, string key) =>
        options.TryGetValue(key, out var values) && values.Count == 1 ? values[0] : throw new ArgumentException("--" + key + " needs exactly one value");

    private static IReadOnlyList<string> Many(Dictionary<string, List<string>> options, string key) =>
        options.TryGetValue(key, out var values) ? values : new List<string>();
}
