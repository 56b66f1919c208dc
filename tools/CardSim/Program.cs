using CardFirmware.CardSim;
using CardFirmware.CardTime;
using CardFirmware.SimulatedCard;

// The simulator front end: boots the real firmware on the simulated board and walks a scripted
// phone through a session (exit 0: every step did what a user would expect), or serves the card
// over the loopback bridge (--bridge). Options: SimOptions.Usage.
SimOptions options;
try
{
    options = SimOptions.Parse(args);
}
catch (FormatException bad)
{
    Console.Error.WriteLine($"CardSim: {bad.Message}. Run CardSim --help for usage.");
    return 2;
}

switch (options.Mode)
{
    case SimMode.Help:
        Console.WriteLine(SimOptions.Usage);
        return 0;
    case SimMode.CardTimeAssumptions:
        Console.WriteLine(CostTable.Load().Describe());
        return 0;
}

var config = ArithmeticBackends.TryConfig(options.Backend, out var unavailable);
if (config is null)
{
    Console.Error.WriteLine($"CardSim: {unavailable}; run without --backend native (or --backend managed).");
    return 2;
}

Console.WriteLine($"card arithmetic: {options.Backend} backend");
return options.Mode switch
{
    SimMode.Bridge => Bridge.Run(options, config, Console.In, Console.Out),
    SimMode.HybridWalkthrough => HybridWalkthrough.Run(config, options.Provider) ? 0 : 1,
    _ => Walkthrough.Run(config) ? 0 : 1,
};
