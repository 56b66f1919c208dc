using System.Security.Cryptography;
using CardFirmware.Channel.Noise;
using CardFirmware.Channel.Relay;
using CardFirmware.Crypto.Secp256k1;
using CardFirmware.Crypto.Threshold;

namespace CardFirmware.Host.Hybrid;

/// <summary>
/// The security provider as party 3 inside the phone's process: for the simulator and tests. It runs the same
/// threshold parties as the service would (<see cref="DkgParty"/>, <see cref="SignParty"/>), seals what it
/// exchanges with the card (<see cref="RelaySeal"/>), keeps one share per wallet in memory, answers every
/// (handle, round) once and repeats that reply on a retry, and refuses by a <see cref="ProviderPolicyHook"/>
/// plus the two rules the card's design fixes: the provider never signs without a second party, and a lost
/// phone's share is re-issued only with the card's approval.
/// </summary>
public sealed class InProcessProvider : IProviderParty
{
    private readonly byte[] _staticKey = new byte[32];
    private readonly ProviderPolicyHook? _policy;
    private readonly IRandomSource _random = new SystemRandom();
    private readonly Dictionary<string, Wallet> _wallets = [];
    private readonly Dictionary<string, Run> _runs = [];

    /// <summary>A provider with a fresh static key; <paramref name="policy"/> may refuse sessions.</summary>
    public InProcessProvider(ProviderPolicyHook? policy = null)
        : this(policy, null)
    {
    }

    private InProcessProvider(ProviderPolicyHook? policy, byte[]? staticKey)
    {
        _policy = policy;
        var curve = new Secp256k1ChannelCurve(ManagedSecp256k1Backend.Instance);
        if (staticKey is not null)
        {
            staticKey.CopyTo(_staticKey, 0);
            if (!curve.IsValidPrivateKey(_staticKey))
            {
                throw new InvalidDataException("The provider's static key is not a valid key.");
            }
        }
        else
        {
            do
            {
                RandomNumberGenerator.Fill(_staticKey);
            }
            while (!curve.IsValidPrivateKey(_staticKey));
        }

        PublicKey = new byte[33];
        curve.PublicKey(_staticKey, PublicKey);
    }

    /// <inheritdoc />
    public byte[] PublicKey { get; }

    /// <summary>
    /// The provider's state for a simulator that keeps it between processes (cardctl's state file): static key(32) |
    /// count(4) | per wallet: id length(1) | id | card identity(33) | last approval counter(8) | share length(4) |
    /// share (KeyShare.Serialize); integers big-endian. Holds the provider's secrets in the clear: simulation only.
    /// Sessions in progress are not kept.
    /// </summary>
    public byte[] Export()
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(_staticKey);
        WriteInt(writer, _wallets.Count);
        foreach (var (id, wallet) in _wallets)
        {
            var idBytes = Convert.FromHexString(id);
            writer.Write((byte)idBytes.Length);
            writer.Write(idBytes);
            writer.Write(wallet.CardIdentity);
            WriteInt(writer, (int)(wallet.LastApprovalCounter >> 32));
            WriteInt(writer, (int)wallet.LastApprovalCounter);
            var share = wallet.Share.Serialize();
            WriteInt(writer, share.Length);
            writer.Write(share);
        }

        return stream.ToArray();
    }

    /// <summary>A provider from <see cref="Export"/>'s bytes; throws <see cref="InvalidDataException"/> when they are malformed.</summary>
    public static InProcessProvider Import(byte[] state, ProviderPolicyHook? policy = null)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(state));
            var provider = new InProcessProvider(policy, reader.ReadBytes(32));
            var count = ReadInt(reader);
            for (var i = 0; i < count; i++)
            {
                var id = reader.ReadBytes(reader.ReadByte());
                var card = reader.ReadBytes(33);
                var counter = ((long)ReadInt(reader) << 32) | (uint)ReadInt(reader);
                var share = KeyShare.Deserialize(reader.ReadBytes(ReadInt(reader)));
                provider._wallets[Convert.ToHexString(id)] = new Wallet(share, card) { LastApprovalCounter = counter };
            }

            return reader.BaseStream.Position == state.Length ? provider : throw new InvalidDataException("Trailing bytes after the provider's state.");
        }
        catch (Exception bad) when (bad is EndOfStreamException or ThresholdException or ArgumentException)
        {
            throw new InvalidDataException($"The provider's state is malformed ({bad.Message}).");
        }
    }

    /// <summary>The wallets the provider holds a share of (their ids, hex).</summary>
    public IReadOnlyCollection<string> Wallets => _wallets.Keys;

    /// <summary>The provider's current share of wallet <paramref name="walletId"/> (for tests: old shares must sign nothing).</summary>
    public KeyShare ShareOf(byte[] walletId) => _wallets[Convert.ToHexString(walletId)].Share;

    /// <inheritdoc />
    public byte[] Open(ProviderSession session)
    {
        var key = Convert.ToHexString(session.Handle);
        if (_runs.TryGetValue(key, out var existing))
        {
            return existing.Contribution;
        }

        _wallets.TryGetValue(Convert.ToHexString(session.WalletId), out var wallet);
        Check(session, wallet);
        var run = new Run(session, wallet, RandomNumberGenerator.GetBytes(JointSessionId.ContributionBytes));
        _runs[key] = run;
        return run.Contribution;
    }

    /// <inheritdoc />
    public byte[]?[] Round(byte[] handle, int round, byte[]?[] inbox)
    {
        if (!_runs.TryGetValue(Convert.ToHexString(handle), out var run) || run.Finished && !run.Replies.ContainsKey(round))
        {
            throw new ProviderRefusedException("session.unknown", "No such session, or it is finished.");
        }

        if (run.Replies.TryGetValue(round, out var cached))
        {
            return cached;
        }

        if (round != run.NextRound || inbox.Length != 3)
        {
            throw new ProviderRefusedException("session.round", $"Round {round} is not the session's next ({run.NextRound}).");
        }

        try
        {
            var reply = run.Session.Protocol == ProviderProtocol.Sign ? SignRound(run, round, inbox) : KeyRound(run, round, inbox);
            run.Replies[round] = reply;
            run.NextRound++;
            return reply;
        }
        catch (ThresholdException e)
        {
            Abort(handle);
            throw new ProviderRefusedException("protocol.aborted", $"The provider's party aborted: {e.Reason} (culprit {e.Culprit}).");
        }
    }

    /// <inheritdoc />
    public void Abort(byte[] handle)
    {
        if (_runs.TryGetValue(Convert.ToHexString(handle), out var run))
        {
            run.Dkg?.Cancel();
            run.Signer?.Cancel();
            run.Seal?.Dispose();
            run.Finished = true;
            run.Replies.Clear();
        }
    }

    private void Check(ProviderSession session, Wallet? wallet)
    {
        if (session.Handle.Length != 16)
        {
            throw new ProviderRefusedException("request.malformed", "A session handle is 16 bytes.");
        }

        switch (session.Protocol)
        {
            case ProviderProtocol.CreateWallet:
                if (wallet is not null || session.CardIdentity is not { Length: 33 })
                {
                    throw new ProviderRefusedException("wallet.state", "The wallet exists, or no card identity to enrol.");
                }

                break;
            case ProviderProtocol.Sign:
                if (wallet is null || session.Signers is not [var a, 3] || (a != 1 && a != 2) || session.Hash is not { Length: 32 })
                {
                    throw new ProviderRefusedException("request.malformed", "Signing needs a known wallet, the provider and one other signer, and a hash.");
                }

                break;
            case ProviderProtocol.Refresh:
                if (wallet is null)
                {
                    throw new ProviderRefusedException("wallet.state", "No such wallet.");
                }

                break;
            case ProviderProtocol.Recover:
                if (wallet is null || (session.Lost != 1 && session.Lost != 2))
                {
                    throw new ProviderRefusedException("wallet.state", "No such wallet, or the provider cannot recover that party.");
                }

                if (session.Lost == 1 && session.CardIdentity is not { Length: 33 })
                {
                    throw new ProviderRefusedException("request.malformed", "A card's recovery names the replacement card's identity.");
                }

                if (session.Lost == 2)
                {
                    CheckPhoneRecoveryApproval(session, wallet);
                }

                break;
            default:
                throw new ProviderRefusedException("request.malformed", "Unknown protocol.");
        }

        var refusal = _policy?.Invoke(session);
        if (refusal is not null)
        {
            throw new ProviderRefusedException(refusal, $"The provider's policy refused: {refusal}.");
        }
    }

    private static void CheckPhoneRecoveryApproval(ProviderSession session, Wallet wallet)
    {
        var approval = CardApprovalCheck.Verify(session.CardApproval, wallet.CardIdentity);
        if (approval is null || approval.Kind != CardApprovalCheck.PhoneRecovery || session.PhoneKey is not { Length: 33 }
            || !approval.WalletPublicKey.AsSpan().SequenceEqual(wallet.Share.PublicKey())
            || !approval.Subject.AsSpan().SequenceEqual(CardApprovalCheck.PhoneRecoverySubject(session.Handle, session.PhoneKey)))
        {
            throw new ProviderRefusedException("auth.approval", "A phone's recovery needs the card's approval of this session.");
        }

        if (approval.Counter <= wallet.LastApprovalCounter)
        {
            throw new ProviderRefusedException("auth.replay", "The card's approval was used before.");
        }

        wallet.LastApprovalCounter = approval.Counter;
    }

    private byte[]?[] KeyRound(Run run, int round, byte[]?[] inbox)
    {
        var session = run.Session;
        if (round == 1)
        {
            var contributions = Contributions(run, inbox, [1, 2, 3]);
            var sessionId = session.Protocol switch
            {
                ProviderProtocol.CreateWallet => JointSessionId.ForKeyGeneration(contributions),
                ProviderProtocol.Refresh => JointSessionId.ForRefresh(contributions),
                _ => JointSessionId.ForRecovery(contributions),
            };
            var card = session.CardIdentity is { Length: 33 } && session.Protocol != ProviderProtocol.Refresh
                && (session.Protocol == ProviderProtocol.CreateWallet || session.Lost == 1)
                ? session.CardIdentity
                : run.Wallet!.CardIdentity;
            run.CardKey = card;
            run.Seal = Seal(card, sessionId);
            run.Dkg = session.Protocol switch
            {
                ProviderProtocol.CreateWallet => new DkgParty(3, 3, sessionId, _random),
                ProviderProtocol.Refresh => DkgParty.ForRefresh(run.Wallet!.Share, sessionId, _random),
                _ => DkgParty.ForRecovery(run.Wallet!.Share, session.Lost, sessionId, _random),
            };
            return Outbox(run, 1, run.Dkg.Start());
        }

        var messages = new[] { OpenCard(run, round - 1, inbox[0]), inbox[1] ?? throw Missing(2) };
        if (round == 2)
        {
            return Outbox(run, 2, run.Dkg!.Round2(messages));
        }

        if (round == 3)
        {
            return Outbox(run, 3, run.Dkg!.Round3(messages));
        }

        if (round != 4)
        {
            throw new ProviderRefusedException("session.round", "A key protocol has four rounds.");
        }

        var share = run.Dkg!.Finish(messages);
        var walletKey = Convert.ToHexString(session.WalletId);
        var cardIdentity = run.CardKey!;
        // A new card's counter starts afresh; the lost card's approvals are void with its key anyway.
        var lastCounter = session.Protocol == ProviderProtocol.Recover && session.Lost == 1 ? 0 : run.Wallet?.LastApprovalCounter ?? 0;
        _wallets[walletKey] = new Wallet(share, cardIdentity) { LastApprovalCounter = lastCounter };
        run.Finished = true;
        run.Seal!.Dispose();
        return [null, null, null];
    }

    private byte[]?[] SignRound(Run run, int round, byte[]?[] inbox)
    {
        var session = run.Session;
        var peer = session.Signers[0];
        if (round == 1)
        {
            var contributions = Contributions(run, inbox, [peer, 3]);
            var sessionId = JointSessionId.ForSigning(contributions);
            if (peer == 1)
            {
                run.Seal = Seal(run.Wallet!.CardIdentity, sessionId);
            }

            var path = session.Path is { Length: > 0 } ? session.Path : null;
            run.Signer = new SignParty(run.Wallet!.Share, [peer, 3], sessionId, path, session.Hash, _random);
            return SignOutbox(run, peer, 1, run.Signer.Start()[0]);
        }

        var message = peer == 1 ? OpenCard(run, round - 1, inbox[0]) : inbox[1] ?? throw Missing(2);
        if (round == 2)
        {
            return SignOutbox(run, peer, 2, run.Signer!.Round2([message])[0]);
        }

        if (round != 3)
        {
            throw new ProviderRefusedException("session.round", "The provider's part of signing has three rounds.");
        }

        // The provider's last message; the peer combines. Its party is done and wiped with its presignature.
        run.Signer!.Presign([message]);
        var reply = SignOutbox(run, peer, 3, run.Signer.SignHash(session.Hash!)[0]);
        run.Finished = true;
        return reply;
    }

    private static byte[][] Contributions(Run run, byte[]?[] inbox, int[] parties)
    {
        var contributions = new byte[parties.Length][];
        for (var i = 0; i < parties.Length; i++)
        {
            var slot = inbox[parties[i] - 1];
            contributions[i] = parties[i] == 3 ? run.Contribution : slot is { Length: JointSessionId.ContributionBytes } ? slot : throw Missing(parties[i]);
            if (parties[i] == 3 && slot is not null && !slot.AsSpan().SequenceEqual(run.Contribution))
            {
                throw new ProviderRefusedException("request.malformed", "The provider's own contribution was changed.");
            }
        }

        return contributions;
    }

    // A curve of its own per derivation: Secp256k1ChannelCurve (card code, one caller at a time) keeps the peer's
    // point in a scratch buffer, so a shared one would let two concurrent sessions seal under each other's key.
    private RelaySeal Seal(byte[] cardIdentity, byte[] sessionId) =>
        RelaySeal.Derive(new Secp256k1ChannelCurve(ManagedSecp256k1Backend.Instance), _staticKey, cardIdentity, sessionId, false)
        ?? throw new ProviderRefusedException("request.malformed", "The card's identity is not a valid key.");

    private static byte[] OpenCard(Run run, int round, byte[]? sealedMessage) =>
        run.Seal!.Open(round, sealedMessage ?? throw Missing(1))
        ?? throw new ThresholdException(ThresholdError.MalformedMessage, 1);

    private static byte[]?[] Outbox(Run run, int round, byte[][] outbox) => [run.Seal!.Seal(round, outbox[0]), outbox[1], null];

    private static byte[]?[] SignOutbox(Run run, int peer, int round, byte[] message) =>
        peer == 1 ? [run.Seal!.Seal(round, message), null, null] : [null, message, null];

    private static void WriteInt(BinaryWriter writer, int value) => writer.Write(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(value));

    private static int ReadInt(BinaryReader reader) => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(reader.ReadInt32());

    private static ProviderRefusedException Missing(int party) =>
        new("request.malformed", $"The inbox lacks party {party}'s message.");

    private sealed class Wallet(KeyShare share, byte[] cardIdentity)
    {
        public KeyShare Share { get; } = share;

        public byte[] CardIdentity { get; } = cardIdentity;

        public long LastApprovalCounter { get; set; }
    }

    private sealed class Run(ProviderSession session, Wallet? wallet, byte[] contribution)
    {
        public ProviderSession Session { get; } = session;

        public Wallet? Wallet { get; } = wallet;

        public byte[] Contribution { get; } = contribution;

        public Dictionary<int, byte[]?[]> Replies { get; } = [];

        public int NextRound { get; set; } = 1;

        public bool Finished { get; set; }

        public RelaySeal? Seal { get; set; }

        public byte[]? CardKey { get; set; }

        public DkgParty? Dkg { get; set; }

        public SignParty? Signer { get; set; }
    }

    private sealed class SystemRandom : IRandomSource
    {
        public void Fill(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
    }
}
