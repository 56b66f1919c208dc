using System.Globalization;
using System.Numerics;
using CardFirmware.SimulatedCard;

namespace CardFirmware.CardSim;

/// <summary>What CardSim was asked to do.</summary>
internal enum SimMode
{
    Walkthrough,
    HybridWalkthrough,
    Bridge,
    Help,
    CardTimeAssumptions,
}

/// <summary>
/// CardSim's command line: <c>[--hybrid [--provider http://host:port]] [--bridge [port]] [--finger N] [--seed N] [--backend managed|native] [--help] [--card-time-assumptions]</c>.
/// One case per option in <see cref="Parse"/>; an unknown option or a bad value is a usage error (exit 2).
/// </summary>
internal sealed record SimOptions
{
    public const string Usage =
        """
        CardSim: the real card firmware on a simulated board.

        usage: CardSim [options]
          (no options)             run the scripted walk-through: provision, pair, enroll, create a wallet,
                                   sign, refuse a stranger's finger and phone; exit 0 if every step behaved
          --hybrid                 run the 2-of-3 walk-through instead: the card, the phone and an in-process
                                   security provider create a wallet, sign in every pair, refresh, recover a
                                   lost phone and a lost card; exit 0 if every step behaved
          --provider URL           with --hybrid: the provider service (tools/Provider) at URL, e.g.
                                   http://127.0.0.1:5080, instead of the in-process provider
          --bridge [port]          serve the card's BLE link on 127.0.0.1:port (0 or none: a free port) for a
                                   phone in another process (cardctl --bridge 127.0.0.1:port); runs until Ctrl-C
                                   or `quit`. The operator is the card's holder: type `touch N` to put
                                   synthetic finger N on the sensor once (now if the LED asks, else at its next
                                   request), `finger N` to touch with N whenever the LED asks, `finger none` to
                                   stop, `status`, `help`, `quit`
          --finger N               with --bridge: the holder touches with finger N whenever the LED asks
                                   (scripted runs without an operator)
          --seed N                 with --bridge: the card's eFuse key and RNG from seed N (reproducible demos
                                   and tests only); without it each run is a new card from the OS RNG
          --backend managed|native the card's arithmetic: managed (default; works on every machine) or native
                                   (crypto/Native's libcfnative.so, built when cmake, gcc and libsecp256k1-dev
                                   are present; without it one line says so and the exit code is 2)
          --card-time-assumptions  print the cost table behind the estimated card time
          --help                   this text
        """;

    public SimMode Mode { get; init; } = SimMode.Walkthrough;

    public int Port { get; init; }

    public int? Finger { get; init; }

    public ulong? Seed { get; init; }

    /// <summary>The provider service's address for the 2-of-3 walk-through; null: the in-process provider.</summary>
    public Uri? Provider { get; init; }

    /// <summary>The card's arithmetic backend (<c>ArithmeticBackends.Names</c>).</summary>
    public string Backend { get; init; } = ArithmeticBackends.Managed;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="FormatException"/> with the problem in words.</summary>
    public static SimOptions Parse(string[] args)
    {
        var options = new SimOptions();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h" or "-?":
                    return options with { Mode = SimMode.Help };
                case "--hybrid":
                    options = options with { Mode = SimMode.HybridWalkthrough };
                    break;
                case "--card-time-assumptions":
                    return options with { Mode = SimMode.CardTimeAssumptions };
                case "--bridge":
                    options = options with { Mode = SimMode.Bridge };
                    if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        options = options with { Port = Number<int>(args, ++i, "--bridge", 0, 65535) };
                    }

                    break;
                case "--finger":
                    options = options with { Finger = Number<int>(args, ++i, "--finger", 0, int.MaxValue) };
                    break;
                case "--backend":
                    if (i + 1 >= args.Length || !ArithmeticBackends.Names.Contains(args[i + 1]))
                    {
                        throw new FormatException($"--backend needs one of: {string.Join(", ", ArithmeticBackends.Names)}");
                    }

                    options = options with { Backend = args[++i] };
                    break;
                case "--provider":
                    if (i + 1 >= args.Length || !Uri.TryCreate(args[i + 1], UriKind.Absolute, out var provider) || (provider.Scheme != "http" && provider.Scheme != "https"))
                    {
                        throw new FormatException("--provider needs an http:// or https:// address");
                    }

                    i++;
                    options = options with { Provider = provider };
                    break;
                case "--seed":
                    options = options with { Seed = Number<ulong>(args, ++i, "--seed", 0, ulong.MaxValue) };
                    break;
                default:
                    throw new FormatException($"unknown option {args[i]}");
            }
        }

        if (options.Mode != SimMode.Bridge && (options.Finger is not null || options.Seed is not null))
        {
            throw new FormatException("--finger and --seed go with --bridge");
        }

        if (options.Mode != SimMode.HybridWalkthrough && options.Provider is not null)
        {
            throw new FormatException("--provider goes with --hybrid");
        }

        return options;
    }

    private static T Number<T>(string[] args, int at, string option, T min, T max)
        where T : INumber<T>, IParsable<T>
    {
        if (at >= args.Length || !T.TryParse(args[at], CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new FormatException($"{option} needs a number from {min} to {max}");
        }

        return value;
    }
}
