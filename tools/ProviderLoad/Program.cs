using CardFirmware.ProviderLoad;

// provider-load load   [--database D] [--nodes N] [--wallets W] [--sessions S] [--clients C]
// provider-load faults [--database D] [--kills K] [--clients C] [--seed S]
var mode = args.Length > 0 ? args[0] : "";
var options = new Args(args);
return mode switch
{
    "load" => LoadRun.Run(options),
    "faults" => FaultRun.Run(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: CardFirmware.ProviderLoad load|faults [--database sqlite:<file>|postgres:<connection string>] [options]; see tools/ProviderLoad/README.md");
    return 2;
}
