using CardFirmware.Provider;

var options = ProviderOptions.FromArgs(args);
var app = ProviderApp.Build(options, args);
app.Run();
