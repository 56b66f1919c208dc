using CardFirmware.Card;
using CardFirmware.Card.Protocol;
using CardFirmware.Crypto;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.CardCtl;

/// <summary>The phone's side of one session on any link: handshake, then commands announced to a progress sink.</summary>
internal static class PhoneSessions
{
    private static readonly byte[] Prologue = Ascii.Bytes(new CardConfig().Prologue);

    public static T Run<T>(ICardLink link, byte[] phoneKey, byte[] cardKey, int timeoutMilliseconds, Action<string> progress, Func<CardClient, T> work)
    {
        using var channel = new PhoneChannel(link, phoneKey, cardKey, Prologue, timeoutMilliseconds: timeoutMilliseconds);
        channel.Handshake();
        return work(new CardClient(request =>
        {
            if (Describe(request) is { } step)
            {
                progress(step);
            }

            return channel.Exchange(request);
        }));
    }

    /// <summary>A progress line for the requests that take the card more than a second (touch waits, protocol rounds).</summary>
    private static string? Describe(byte[] request)
    {
        var round = request.Length > WireFormat.RequestHeaderSize ? request[WireFormat.RequestHeaderSize] : 0;
        return (CommandCode)request[1] switch
        {
            CommandCode.Enroll => "enroll: the card waits for a touch (LED blinking fast)",
            CommandCode.CreateWallet => round == 4
                ? "create-wallet: round 4/4, the card waits for a touch to seal its share"
                : $"create-wallet: round {round}/4 (key generation)",
            CommandCode.Sign => round switch
            {
                1 => "sign: round 1/3, the card waits for a touch",
                0 => null,
                _ => $"sign: round {round}/3",
            },
            CommandCode.FactoryReset => "factory-reset: the card waits for the owner's touch",
            _ => null,
        };
    }
}
