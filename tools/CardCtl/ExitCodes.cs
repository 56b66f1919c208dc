namespace CardFirmware.CardCtl;

/// <summary>
/// cardctl's exit codes, one per kind of failure so that a script can tell what to do next
/// (sysexits.h's EX_SOFTWARE for the internal error).
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A malformed command line or an option the state requires (such as --force).</summary>
    public const int Usage = 2;

    /// <summary>The card refused the command (a wire status other than Ok, StorageDamaged), or the provider refused it or did not answer.</summary>
    public const int CardRefused = 3;

    /// <summary>The state file or the card's flash is unreadable, damaged or busy.</summary>
    public const int StateDamage = 4;

    /// <summary>A fault in cardctl or the simulator itself.</summary>
    public const int Internal = 70;

    public const string Help =
        "Exit codes: 0 done, 2 usage (bad arguments, or --force needed), 3 the card refused (the message says what to do next), "
        + "4 I/O or state damage (state file unreadable, malformed or in use; card storage damaged), 70 internal error.";
}

/// <summary>A failure reported to the user as one line and <see cref="ExitCode"/>.</summary>
internal sealed class CardCtlException(string message, int exitCode) : Exception(message)
{
    /// <summary>One of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; } = exitCode;
}
