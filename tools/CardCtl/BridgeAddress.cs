using System.Globalization;

namespace CardFirmware.CardCtl;

/// <summary>The <c>--bridge host:port</c> argument: where <c>CardSim --bridge</c> serves the card's link.</summary>
internal static class BridgeAddress
{
    public static bool TryParse(string? text, out string host, out int port)
    {
        host = "";
        port = 0;
        var colon = text?.LastIndexOf(':') ?? -1;
        if (text is null || colon <= 0
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
        {
            return false;
        }

        host = text[..colon].Trim('[', ']');
        return host.Length > 0;
    }

    /// <summary>host and port of <paramref name="text"/>; a usage error (exit 2) if it is not host:port.</summary>
    public static (string Host, int Port) Parse(string text) =>
        TryParse(text, out var host, out var port)
            ? (host, port)
            : throw new CardCtlException($"Bad --bridge {text}: expected host:port, e.g. 127.0.0.1:47000 (the address CardSim --bridge prints).", ExitCodes.Usage);
}
