using CardFirmware.CardSim;
using CardFirmware.CardTime;

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
    case SimMode.Bridge:
        return Bridge.Run(options, Console.In, Console.Out);
    default:
        return Walkthrough.Run(args) ? 0 : 1;
}
