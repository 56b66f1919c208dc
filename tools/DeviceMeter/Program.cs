using System.Reflection;
using System.Text.Json;
using CardFirmware.CardTime;
using CardFirmware.DeviceMeter;
using CardFirmware.DeviceMeter.Instrumentation;
using CardFirmware.DeviceMeter.Operations;

// The device-time meter. Usage (from the repository root):
//   dotnet run -c Release --project tools/DeviceMeter [-- --json device-meter.json] [--seed 1] [--finger 7] [--fvc <FVC folder>] [--firmware-only] [--top 10]
//        [--backend managed|native] (the firmware rows' arithmetic: CardConfig.Arithmetic)
//        [--heap-interval 256] [--update-figures] [--card-time-assumptions]
var costs = CostTable.Load();
if (args.Contains("--card-time-assumptions"))
{
    Console.WriteLine(costs.Describe());
    return 0;
}

var seed = IntOption("--seed", 1);
var finger = IntOption("--finger", 7);
var fvc = args.Contains("--fvc") ? StringOption("--fvc", "") : null;
var top = IntOption("--top", 10);
var heapInterval = IntOption("--heap-interval", 256);
var jsonPath = StringOption("--json", "device-meter.json");
var backend = StringOption("--backend", "managed");
if (backend is not ("managed" or "native"))
{
    Console.Error.WriteLine("DeviceMeter: --backend takes managed or native");
    return 2;
}

// The card runs Release builds; a Debug build counts longer IL, so the reproduce line names the configuration.
var configuration = typeof(CardScopes).Assembly.GetCustomAttribute<System.Reflection.AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
var command = $"dotnet run -c {configuration} --project tools/DeviceMeter -- " + string.Join(' ', args);

var programFolder = AppContext.BaseDirectory;
var instrumented = Path.Combine(programFolder, "instrumented");
var map = new Instrumenter(new HashSet<string>(costs.NativeMethods), costs.NativeSizeArguments, costs.NativeBlockArguments, CardScopes.Methods, CardScopes.Names)
    .InstrumentAll(programFolder, instrumented, CardAssemblies.Names);
var redirected = PhoneSideRewriter.RewriteAll(programFolder, instrumented, PhoneSideRewriter.Names);
Console.WriteLine($"Instrumented {CardAssemblies.Names.Length} card assemblies: {map.Methods.Count:N0} methods, {map.Blocks.Count:N0} basic blocks, {map.Sites.Count:N0} allocation and library-call sites; {redirected} phone-side random-number calls seeded.");

var json = new MeteredContext(instrumented, programFolder).Run(seed, finger, fvc, args.Contains("--firmware-only"), backend == "native", top, heapInterval);
var results = JsonSerializer.Deserialize<List<OperationResult>>(json)!;
Report.Print(Console.Out, results, costs, command.TrimEnd());
Report.WriteJson(jsonPath, results, costs, command.TrimEnd(), seed);
Console.WriteLine($"JSON: {Path.GetFullPath(jsonPath)}");

if (args.Contains("--update-figures"))
{
    var path = FigureFile.Write(results, Report.CardCodeCommit());
    Console.WriteLine($"Card-time figures for the simulator: {path}");
}

return 0;

int IntOption(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}

string StringOption(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}
