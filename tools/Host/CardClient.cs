using CardFirmware.Card.Protocol;
using CardFirmware.Card.Protocol.Messages;

namespace CardFirmware.Host;

/// <summary>What the card reported about itself (GetInfo).</summary>
public sealed record CardInfoReply(int FirmwareMajor, int FirmwareMinor, bool Enrolled, bool HasWallet,
    int BatteryMillivolts, byte[] IdentityPublicKey, bool StorageDamaged);

/// <summary>
/// One enrollment touch as the card reported it. During the enrollment touches Accepted/Required count
/// them; during the confirmation touches (<see cref="IsConfirmation"/>) they count the touches that
/// released the new enrollment's key and the matches needed. <see cref="ConfirmationTouchesLeft"/>: the
/// confirmation touches the card still allows.
/// </summary>
public sealed record EnrollProgress(EnrollOutcome Outcome, int Quality, int Accepted, int Required, int ConfirmationTouchesLeft)
{
    /// <summary>True for a confirmation touch's outcome (or the vault just built, asking for them).</summary>
    public bool IsConfirmation => Outcome is EnrollOutcome.Confirming or EnrollOutcome.ConfirmMissed or EnrollOutcome.ConfirmRefused;

    /// <summary>What the phone shows for this step.</summary>
    public string Describe() => Outcome switch
    {
        EnrollOutcome.TouchAccepted => $"touch {Accepted}/{Required} accepted",
        EnrollOutcome.TouchRefused => $"touch refused (quality {Quality}), touch again",
        EnrollOutcome.Complete => "finger enrolled and confirmed, helper data stored",
        EnrollOutcome.Confirming => $"confirm: {Accepted}/{Required} confirmation touches recognised, touch again ({ConfirmationTouchesLeft} left)",
        EnrollOutcome.ConfirmMissed => $"confirm: touch not recognised ({Accepted}/{Required} recognised, {ConfirmationTouchesLeft} left), touch again",
        EnrollOutcome.ConfirmRefused => $"confirm: touch refused (quality {Quality}), touch again",
        _ => Outcome.ToString(),
    };
}

/// <summary>What the card did with an enrollment touch.</summary>
public enum EnrollOutcome
{
    /// <summary>Added; more touches needed.</summary>
    TouchAccepted = EnrollReply.TouchAccepted,

    /// <summary>Refused for quality (see <see cref="EnrollProgress.Quality"/>); not counted.</summary>
    TouchRefused = EnrollReply.TouchRefused,

    /// <summary>The finger is enrolled (and confirmed).</summary>
    Complete = EnrollReply.Complete,

    /// <summary>The enrollment touches built the vault, or a confirmation touch released its key: touch again to confirm.</summary>
    Confirming = EnrollReply.Confirming,

    /// <summary>A confirmation touch did not release the new vault's key.</summary>
    ConfirmMissed = EnrollReply.ConfirmMissed,

    /// <summary>A confirmation touch refused for quality; not counted.</summary>
    ConfirmRefused = EnrollReply.ConfirmRefused,
}

/// <summary>A command the card refused, with its wire status.</summary>
public sealed class CardRefusedException(WireStatus status)
    : Exception($"The card refused the command: {status}")
{
    /// <summary>The status the card sent.</summary>
    public WireStatus Status { get; } = status;
}

/// <summary>
/// The phone's command layer over an established <see cref="PhoneChannel"/>: builds requests in
/// the card's wire format (<see cref="WireFormat"/>), checks that each reply answers the request
/// it was sent for, and turns refusals into <see cref="CardRefusedException"/>.
/// </summary>
public sealed class CardClient(Func<byte[], byte[]> exchange)
{
    /// <summary>A client over an established secure channel.</summary>
    public CardClient(PhoneChannel channel)
        : this(channel.Exchange)
    {
    }

    private int _nextRequestId = 1;

    /// <summary>Asks the card for its public facts.</summary>
    public CardInfoReply GetInfo()
    {
        var reply = Exchange(CommandCode.GetInfo, []);
        var info = DecodeReply(() => GetInfoReply.Decode(reply, 0, reply.Length));
        return new CardInfoReply(info.FirmwareMajor, info.FirmwareMinor, info.Enrolled, info.HasWallet,
            info.BatteryMillivolts, info.IdentityPublicKey, info.StorageDamaged);
    }

    /// <summary>Asks for one enrollment touch (the card waits for the finger).</summary>
    public EnrollProgress EnrollTouch()
    {
        var reply = Exchange(CommandCode.Enroll, []);
        var step = DecodeReply(() => EnrollReply.Decode(reply, 0, reply.Length));
        return new EnrollProgress((EnrollOutcome)step.Outcome, step.Quality, step.Accepted, step.Required, step.Left);
    }

    /// <summary>
    /// Enrolls: touch after touch, enrollment then confirmation, until the card reports completion (at most
    /// <paramref name="maxTouches"/> requests). A finger that does not confirm ends it with
    /// <see cref="CardRefusedException"/> (<see cref="WireStatus.EnrollmentNotConfirmed"/>): nothing was
    /// stored; the phone asks the owner to enroll again or to use another finger.
    /// </summary>
    public IReadOnlyList<EnrollProgress> Enroll(int maxTouches = 24, Action<EnrollProgress>? progress = null)
    {
        var steps = new List<EnrollProgress>();
        for (var i = 0; i < maxTouches; i++)
        {
            var step = EnrollTouch();
            steps.Add(step);
            progress?.Invoke(step);
            if (step.Outcome == EnrollOutcome.Complete)
            {
                return steps;
            }
        }

        throw new InvalidOperationException($"Enrollment not complete after {maxTouches} touches.");
    }

    /// <summary>Factory reset (the card asks for a touch when a finger is enrolled).</summary>
    public void FactoryReset() => Exchange(CommandCode.FactoryReset, []);

    /// <summary>Removes this phone's bond on the card.</summary>
    public void Unpair() => Exchange(CommandCode.Unpair, []);

    /// <summary>Asks the card to attest: returns its chain and its signature over <paramref name="nonce"/> (32 bytes).</summary>
    public byte[] Attest(byte[] nonce) => Exchange(CommandCode.Attest, nonce);

    /// <summary>Installs the card's certificate chain (the factory's step).</summary>
    public void InstallCertificate(byte[] chain) => Exchange(CommandCode.InstallCertificate, chain);

    /// <summary>Sends <paramref name="payload"/> and returns the card's echo.</summary>
    public byte[] Ping(byte[] payload) => Exchange(CommandCode.Ping, payload);

    /// <summary>Reads a reply with <paramref name="decode"/>; one that is not what its command defines is the card's fault, reported as bad data.</summary>
    internal static T DecodeReply<T>(Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (MessageException e)
        {
            throw new InvalidDataException("The card's reply is malformed: " + e.Error + ".", e);
        }
    }

    /// <summary>
    /// Sends one round request whose reply is a threshold message sent in pieces (the card's signing round 2) and returns
    /// the whole message: the first piece is the round's reply, and each further piece answers a
    /// <see cref="RoundEnvelope.NextPieceRound"/> request, until the length in the message's header is reached.
    /// </summary>
    /// <exception cref="InvalidDataException">A piece that is empty or runs past the message's length.</exception>
    public byte[] ExchangePieces(CommandCode command, byte[] roundRequest)
    {
        var first = Exchange(command, roundRequest);
        var length = DecodeReply(() => RoundEnvelope.PiecedMessageLength(first, MaxPiecedMessageBytes));
        var message = new byte[length];
        first.CopyTo(message, 0);
        var have = first.Length;
        var next = new RoundEnvelope(RoundEnvelope.NextPieceRound, []).Encode();
        while (have < length)
        {
            var piece = Exchange(command, next);
            if (piece.Length == 0 || piece.Length > length - have)
            {
                throw new InvalidDataException("The card's message in pieces does not add up to its length.");
            }

            piece.CopyTo(message, have);
            have += piece.Length;
        }

        return message;
    }

    /// <summary>The longest message the phone joins from pieces (a signing round-2 message is 40,172 bytes).</summary>
    public const int MaxPiecedMessageBytes = 64 * 1024;

    /// <summary>Sends one command and returns the reply payload.</summary>
    public byte[] Exchange(CommandCode command, byte[] payload)
    {
        var requestId = _nextRequestId++ & 0xFFFF;
        var request = new byte[WireFormat.RequestHeaderSize + payload.Length];
        request[0] = WireFormat.Version;
        request[1] = (byte)command;
        request[2] = (byte)(requestId >> 8);
        request[3] = (byte)requestId;
        payload.CopyTo(request, WireFormat.RequestHeaderSize);

        var reply = exchange(request);
        if (reply.Length < WireFormat.ReplyHeaderSize || reply[0] != WireFormat.Version
            || reply[1] != ((byte)command | WireFormat.ReplyFlag) || ((reply[2] << 8) | reply[3]) != requestId)
        {
            throw new InvalidDataException("The card's reply does not answer the request.");
        }

        var status = (WireStatus)reply[4];
        if (status != WireStatus.Ok)
        {
            throw new CardRefusedException(status);
        }

        return reply[WireFormat.ReplyHeaderSize..];
    }
}
