using CardFirmware.Channel.Relay;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Host.Hybrid;
using CardFirmware.Provider.Security;

namespace CardFirmware.Provider.Sessions;

/// <summary>
/// The provider's party (index 3) of one session, driven round by round in the numbering of
/// <see cref="IProviderParty.Round"/>. Key generation, refresh and recovery: round 1 (contributions) starts the
/// <see cref="DkgParty"/>, rounds 2 and 3 answer, round 4 finishes with the new <see cref="KeyShare"/> and sends
/// nothing. Signing: round 1 starts the <see cref="SignParty"/>, round 2 answers, round 3 presigns and signs the
/// session's hash; the provider's part ends there (the phone or the card combines the signature).
/// <para>
/// The card's slot (party 1) is sealed end to end (firmware/Channel/Relay/RelaySeal, keys from ECDH of the card's
/// identity key <see cref="SessionSetup.CardKey"/> and the deployment's static key, salted with the joint session
/// id): the provider's round-r message to the card is sealed with round r, and the card's message in the round-r
/// inbox, which the card sent in its round r − 1, is opened with round r − 1. A card slot that does not open aborts
/// the run (culprit 1), so only the card that holds the enrolled identity key takes part, whatever the relaying
/// phone claims.
/// </para>
/// </summary>
/// <remarks>Security: <see cref="Dispose"/> cancels an unfinished party, which wipes its secrets, and wipes the
/// seal's keys. The seal is deterministic, so a party rebuilt by replay seals byte for byte as before.</remarks>
public sealed class ProviderParty : IDisposable
{
    /// <summary>The provider's party number.</summary>
    public const int Me = 3;

    private readonly SessionSetup _setup;
    private DkgParty? _dkg;
    private SignParty? _sign;
    private RelaySeal? _seal;

    public ProviderParty(SessionSetup setup)
    {
        _setup = setup;
    }

    /// <summary>Rounds this party has run.</summary>
    public int Completed { get; private set; }

    /// <summary>The share a finished key generation, refresh or recovery produced.</summary>
    public KeyShare? NewShare { get; private set; }

    /// <summary>The provider's last round of this protocol (its session is done after it).</summary>
    public static int LastRound(ProviderProtocol protocol) => protocol == ProviderProtocol.Sign ? 3 : 4;

    /// <summary>Runs round <see cref="Completed"/> + 1 on <paramref name="inbox"/> (three slots) and returns the outbox.</summary>
    /// <exception cref="ThresholdException">A protocol check failed; the party is aborted and wiped.</exception>
    public byte[]?[] Run(byte[]?[] inbox)
    {
        var round = Completed + 1;
        if (round > 1 && _seal is not null)
        {
            inbox = [_seal.Open(round - 1, inbox[0]) ?? throw new ThresholdException(ThresholdError.MalformedMessage, 1), inbox[1], inbox[2]];
        }

        var messages = inbox.Where((m, i) => m is not null && i != Me - 1).Select(m => m!).ToArray();
        byte[][]? outbox;
        if (round == 1)
        {
            outbox = Start(inbox);
        }
        else if (_setup.Protocol == ProviderProtocol.Sign)
        {
            outbox = round == 2 ? _sign!.Round2(messages) : PresignAndSign(messages);
        }
        else
        {
            outbox = round switch
            {
                2 => _dkg!.Round2(messages),
                3 => _dkg!.Round3(messages),
                _ => Finish(messages),
            };
        }

        Completed = round;
        var slots = Slots(outbox);
        if (_seal is not null && slots[0] is { } forCard)
        {
            slots[0] = _seal.Seal(round, forCard);
        }

        return slots;
    }

    public void Dispose()
    {
        _dkg?.Cancel();
        _sign?.Cancel();
        _seal?.Dispose();
        _setup.Share?.Clear();
        (_setup.Random as IDisposable)?.Dispose();
    }

    private byte[][] Start(byte[]?[] inbox)
    {
        var participants = _setup.Participants;
        var contributions = new byte[participants.Length][];
        for (var i = 0; i < participants.Length; i++)
        {
            var slot = participants[i] - 1;
            contributions[i] = participants[i] == Me ? _setup.Contribution : inbox[slot]
                ?? throw new ThresholdException(ThresholdError.InvalidParameters, participants[i]);
            if (contributions[i].Length != JointSessionId.ContributionBytes)
            {
                throw new ThresholdException(ThresholdError.InvalidParameters, participants[i]);
            }
        }

        if (inbox[Me - 1] is { } mine && !mine.AsSpan().SequenceEqual(_setup.Contribution))
        {
            throw new ThresholdException(ThresholdError.InvalidParameters, 0);
        }

        var b = _setup.Backend;
        var sid = _setup.Protocol switch
        {
            ProviderProtocol.Sign => JointSessionId.ForSigning(contributions),
            ProviderProtocol.CreateWallet => JointSessionId.ForKeyGeneration(contributions),
            ProviderProtocol.Refresh => JointSessionId.ForRefresh(contributions),
            _ => JointSessionId.ForRecovery(contributions),
        };
        if (_setup.CardKey is not null)
        {
            _seal = _setup.StaticKey.Seal(_setup.CardKey, sid) ?? throw new ThresholdException(ThresholdError.InvalidParameters, 1);
        }

        switch (_setup.Protocol)
        {
            case ProviderProtocol.Sign:
                _sign = new SignParty(b, _setup.Share!, _setup.Signers, sid, _setup.Path, _setup.Hash, _setup.Random);
                return _sign.Start();
            case ProviderProtocol.CreateWallet:
                _dkg = new DkgParty(b, 3, Me, sid, _setup.Random);
                break;
            case ProviderProtocol.Refresh:
                _dkg = DkgParty.ForRefresh(b, _setup.Share!, sid, _setup.Random);
                break;
            default:
                _dkg = _setup.Lost == Me
                    ? DkgParty.ForLostParty(b, 3, Me, _setup.WalletPublicKey!, _setup.WalletChainCode!, sid, _setup.Random)
                    : DkgParty.ForRecovery(b, _setup.Share!, _setup.Lost, sid, _setup.Random);
                break;
        }

        return _dkg.Start();
    }

    private byte[][] PresignAndSign(byte[][] messages)
    {
        _sign!.Presign(messages);
        return _sign.SignHash(_setup.Hash!);
    }

    private byte[][]? Finish(byte[][] messages)
    {
        NewShare = _dkg!.Finish(messages);
        return null;
    }

    // Each message goes to the slot of its addressee (wire header byte 4, crypto/Threshold README "Wire format").
    private static byte[]?[] Slots(byte[][]? outbox)
    {
        var slots = new byte[]?[3];
        foreach (var m in outbox ?? [])
        {
            slots[m[4] - 1] = m;
        }

        return slots;
    }
}

/// <summary>
/// What a <see cref="ProviderParty"/> is built from: the session's parameters, its contribution to the session id,
/// the randomness from its seed, and the wallet's share (signing, refresh, recovery by a survivor) or xpub
/// (recovery of the provider's own lost share). <see cref="CardKey"/> is the identity key (33) of the card taking part
/// (the enrolled card, or the card a creation or a card's recovery enrolls), whose slot <see cref="StaticKey"/> seals;
/// null when the card does not take part (phone and provider signing).
/// </summary>
public sealed record SessionSetup(
    IArithmeticBackend Backend,
    ProviderProtocol Protocol,
    int[] Signers,
    int Lost,
    byte[]? Hash,
    uint[]? Path,
    byte[] Contribution,
    IRandomSource Random,
    KeyShare? Share,
    byte[]? WalletPublicKey,
    byte[]? WalletChainCode,
    byte[]? CardKey,
    ProviderStaticKey StaticKey)
{
    /// <summary>The parties whose contributions make the session id, ascending.</summary>
    public int[] Participants => Protocol == ProviderProtocol.Sign ? Signers : [1, 2, 3];
}
