using CardFirmware.Card.Protocol;

namespace CardFirmware.CardCtl;

/// <summary>Every wire status the card can refuse with, in words and with the next step (firmware/Card/Protocol/WireStatus.cs).</summary>
internal static class Refusals
{
    public static string Describe(WireStatus status) => status switch
    {
        WireStatus.UnsupportedVersion => "The card speaks another protocol version than this cardctl: update cardctl or the card's firmware.",
        WireStatus.UnknownCommand => "The card's firmware does not know this command: update the card's firmware.",
        WireStatus.MalformedRequest => "The card found the request malformed (a field of the wrong length or out of range); check the arguments, e.g. a path deeper than 8 levels.",
        WireStatus.NotAllowedNow => "The card does not allow this command in its current state; run `cardctl info` to see its state.",
        WireStatus.NoFinger => "No finger touched the card in time: run the command again and touch the sensor when the LED asks.",
        WireStatus.FingerNotRecognized => "The finger was not recognized (the attempt was counted; 5 failures in a row lock the card): try again with the enrolled finger.",
        WireStatus.PoorCapture => "The touch was too poor to read (not counted): clean the sensor and the finger, then run the command again.",
        WireStatus.Locked => "The card is locked after too many failed touches: only a factory reset (`cardctl factory-reset`) unlocks it, and it erases the wallet, so restore from your backup.",
        WireStatus.NotEnrolled => "No finger is enrolled on the card: run `cardctl enroll` first.",
        WireStatus.WalletState => "The card's wallet is not in the state this needs: `create-wallet` needs a card without a wallet, signing needs one (run `cardctl create-wallet`).",
        WireStatus.ProtocolAborted => "The card aborted the threshold protocol (a bad or tampered message): run the command again; if it repeats, the phone's key share in the state file may be damaged.",
        WireStatus.SensorFault => "The card's fingerprint sensor failed (hardware fault); nothing was changed: power-cycle the card and try again.",
        WireStatus.AlreadyEnrolled => "A finger is already enrolled: enrolling another needs a factory reset first (`cardctl factory-reset`, which erases the wallet).",
        WireStatus.StorageDamaged => "The card's storage is damaged (a record it needs is unreadable); nothing was changed: a factory reset with the owner's touch is the way back, then restore the wallet from its backup.",
        WireStatus.SetupCompromised => "The card detected a tampered protocol message earlier and refuses to sign with this setup until a key refresh with fresh base OTs.",
        WireStatus.EnrollmentNotConfirmed => "This finger did not confirm its enrollment (too few of the confirmation touches were recognised); nothing was stored: run `cardctl enroll` again, or enroll another finger.",
        WireStatus.InternalError => "The card failed internally; its stored state is unchanged: run the command again.",
        _ => $"The card refused with an unknown status 0x{(int)status:x2}: update cardctl.",
    };

    /// <summary>Storage damage is state damage (exit 4); every other refusal is the card's (exit 3).</summary>
    public static int ExitCode(WireStatus status) =>
        status == WireStatus.StorageDamaged ? ExitCodes.StateDamage : ExitCodes.CardRefused;
}
