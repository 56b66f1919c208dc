using CardFirmware.NanoFrameworkCheck;

// Commands (each prints MSBuild-style errors and exits 1 on failure):
//   refs    --surface <api-surface.txt> --mscorlib <mscorlib.dll> --out <dir> --package <id>...
//   scan    --surface <api-surface.txt> --assembly <card dll>... [--card-reference <card dll it references>...]
//   nfproj  --repo <repository root> [--check]
return CommandLine.Run(args, Console.Out, Console.Error);
