using CardFirmware.CardSim;
using CardFirmware.CardTime;
using CardFirmware.SimulatedCard;

// The simulator front end: boots the real firmware on the simulated board and walks a scripted
// phone through a session. Exit code 0 means every step did what a user would expect.
// With --bridge [port] it serves the card's link on 127.0.0.1 for a phone app in another process;
// --card-time-assumptions prints the cost table behind the estimated card time and exits;
// --backend managed|native picks the card's arithmetic (default managed: it works on every machine;
// native needs libcfnative.so, which the build makes when cmake, gcc and libsecp256k1-dev are present).
if (args.Contains("--card-time-assumptions"))
{
    Console.WriteLine(CostTable.Load().Describe());
    return 0;
}

var backend = ArithmeticBackends.Managed;
var at = Array.IndexOf(args, "--backend");
if (at >= 0)
{
    if (at + 1 >= args.Length)
    {
        Console.Error.WriteLine("cardsim: --backend needs a value: managed or native");
        return 2;
    }

    backend = args[at + 1];
    args = args.Where((_, i) => i != at && i != at + 1).ToArray();
}

var config = ArithmeticBackends.TryConfig(backend, out var unavailable);
if (config is null)
{
    Console.Error.WriteLine($"cardsim: {unavailable}; run without --backend native (or --backend managed).");
    return 2;
}

Console.WriteLine($"card arithmetic: {backend} backend");
if (args.Length > 0 && args[0] == "--bridge")
{
    return Bridge.Run(args, config);
}

return Walkthrough.Run(args, config) ? 0 : 1;
