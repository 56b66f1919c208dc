using CardFirmware.Crypto.Threshold;
using CardFirmware.Host.Hybrid;

namespace CardFirmware.Provider.Sessions;

/// <summary>
/// The provider's party (index 3) of one session, driven round by round in the numbering of
/// <see cref="IProviderParty.Round"/>. Key generation, refresh and recovery: round 1 (contributions) starts the
/// <see cref="DkgParty"/>, rounds 2 and 3 answer, round 4 finishes with the new <see cref="KeyShare"/> and sends
/// nothing. Signing: round 1 starts the <see cref="SignParty"/>, round 2 answers, round 3 presigns and signs the
/// session's hash; the provider's part ends there (the phone combines the signature).
/// </summary>
/// <remarks>Security: <see cref="Dispose"/> cancels an unfinished party, which wipes its secrets.</remarks>
public sealed class ProviderParty : IDisposable
{
    /// <summary>The provider's party number.</summary>
    public const int Me = 3;

    private readonly SessionSetup _setup;
    private DkgParty? _dkg;
    private SignParty? _sign;

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
        return Slots(outbox);
    }

    public void Dispose()
    {
        _dkg?.Cancel();
        _sign?.Cancel();
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
        switch (_setup.Protocol)
        {
            case ProviderProtocol.Sign:
                _sign = new SignParty(b, _setup.Share!, _setup.Signers, JointSessionId.ForSigning(contributions), _setup.Path, _setup.Hash, _setup.Random);
                return _sign.Start();
            case ProviderProtocol.CreateWallet:
                _dkg = new DkgParty(b, 3, Me, JointSessionId.ForKeyGeneration(contributions), _setup.Random);
                break;
            case ProviderProtocol.Refresh:
                _dkg = DkgParty.ForRefresh(b, _setup.Share!, JointSessionId.ForRefresh(contributions), _setup.Random);
                break;
            default:
                var sid = JointSessionId.ForRecovery(contributions);
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
/// (recovery of the provider's own lost share).
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
    byte[]? WalletChainCode)
{
    /// <summary>The parties whose contributions make the session id, ascending.</summary>
    public int[] Participants => Protocol == ProviderProtocol.Sign ? Signers : [1, 2, 3];
}
