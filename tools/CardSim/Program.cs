using CardFirmware.CardSim;
using CardFirmware.CardTime;

// The simulator front end: boots the real firmware on the simulated board and walks a scripted
// phone through a session. Exit code 0 means every step did what a user would expect.
// With --bridge [port] it serves the card's link on 127.0.0.1 for a phone app in another process;
// --card-time-assumptions prints the cost table behind the estimated card time and exits.
if (args.Contains("--card-time-assumptions"))
{
    Console.WriteLine(CostTable.Load().Describe());
    return 0;
}

if (args.Length > 0 && args[0] == "--bridge")
{
    return Bridge.Run(args);
}

return Walkthrough.Run(args) ? 0 : 1;
