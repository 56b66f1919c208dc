namespace CardFirmware.DeviceMeter.Instrumentation;

/// <summary>
/// A method whose every run opens scope <see cref="Scope"/>: scope 0 is the card itself (what the
/// firmware runs is card work; the phone's use of the same assemblies is not), higher ids are
/// regions inside it whose IL is also reported on its own.
/// </summary>
public sealed record ScopeMethod(int Scope, string Assembly, string Type, string Method);

/// <summary>The scopes the meter opens in the card firmware.</summary>
public static class CardScopes
{
    /// <summary>Scope names by id.</summary>
    public static readonly string[] Names = ["card", "verification touch"];

    /// <summary>Region id of a verification touch (the firmware's tap-to-approve reader).</summary>
    public const int VerificationTouch = 1;

    /// <summary>
    /// The firmware's entry points (boot and each main-loop turn: everything the card does after
    /// boot happens inside a turn) and the finger reader that a touch to approve runs.
    /// </summary>
    public static readonly ScopeMethod[] Methods =
    [
        new(0, "CardFirmware.Card", "CardFirmware.Card.Card", "Boot"),
        new(0, "CardFirmware.Card", "CardFirmware.Card.Card", "RunOnce"),
        new(VerificationTouch, "CardFirmware.Card", "CardFirmware.Card.Finger.SensorFingerKeyReader", "ReadKey"),
    ];
}
