using System.Diagnostics;
using CardFirmware.Fuzz;
using CardFirmware.Fuzz.Targets;

// The fuzzing front end. `fuzz <target>` is what afl-fuzz runs (fuzz.sh instruments the card
// assemblies first); the other commands need no afl.
if (Environment.GetEnvironmentVariable("FUZZ_DEBUG") == "1")
{
    AppDomain.CurrentDomain.FirstChanceException += (_, e) => Console.Error.WriteLine("first chance: " + e.Exception);
}

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine("""
        CardFirmware.Fuzz <command>
          list                              the targets
          fuzz <target>                     run under afl-fuzz (SharpFuzz persistent loop; input on stdin or @@)
          replay <target> <file|dir>...     run inputs once each; exit 1 on a finding
          seeds <target|all> <dir>          write the honest seed inputs to <dir>/<target>/
          speed <target> <dir> <seconds>    executions per second over a corpus (no instrumentation needed)
        FUZZ_DEBUG=1 prints every exception as it is thrown (also those the card catches), to see where a refusal came from.
        """);
    return 0;
}

switch (args[0])
{
    case "list":
        foreach (var target in TargetList.All())
        {
            Console.WriteLine(target.Name.PadRight(12) + target.Description);
        }

        return 0;
    case "fuzz" when args.Length == 2:
    {
        var target = Required(args[1]);
        SharpFuzz.Fuzzer.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target.Run(buffer.ToArray());
        });
        return 0;
    }

    case "replay" when args.Length >= 3:
    {
        var target = Required(args[1]);
        var findings = 0;
        var files = args.Skip(2).SelectMany(Files).ToList();
        foreach (var file in files)
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
            catch (Exception e)
            {
                findings++;
                Console.WriteLine(file + ": " + e.GetType().Name + ": " + e.Message);
                Console.WriteLine(e.StackTrace);
            }
        }

        Console.WriteLine(target.Name + ": " + files.Count + " inputs, " + findings + " findings");
        return findings == 0 ? 0 : 1;
    }

    case "seeds" when args.Length == 3:
    {
        var targets = args[1] == "all" ? TargetList.All() : [Required(args[1])];
        foreach (var target in targets)
        {
            var folder = Directory.CreateDirectory(Path.Combine(args[2], target.Name)).FullName;
            foreach (var (name, data) in target.Seeds())
            {
                File.WriteAllBytes(Path.Combine(folder, name), data);
            }

            Console.WriteLine(target.Name + ": seeds in " + folder);
        }

        return 0;
    }

    case "speed" when args.Length == 4:
    {
        var target = Required(args[1]);
        var inputs = Files(args[2]).Select(File.ReadAllBytes).ToList();
        var budget = TimeSpan.FromSeconds(double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
        var clock = Stopwatch.StartNew();
        long runs = 0;
        while (clock.Elapsed < budget)
        {
            target.Run(inputs[(int)(runs % inputs.Count)]);
            runs++;
        }

        Console.WriteLine(target.Name + ": " + runs + " runs in " + clock.Elapsed.TotalSeconds.ToString("F1") + " s, "
            + (runs / clock.Elapsed.TotalSeconds).ToString("F0") + " per second");
        return 0;
    }

    default:
        Console.Error.WriteLine("Unknown command or wrong arguments; see --help.");
        return 2;
}

static FuzzTarget Required(string name) =>
    TargetList.Find(name) ?? throw new ArgumentException("No target called " + name + "; see `list`.");

static IEnumerable<string> Files(string path) =>
    Directory.Exists(path) ? Directory.EnumerateFiles(path).Order(StringComparer.Ordinal) : [path];
