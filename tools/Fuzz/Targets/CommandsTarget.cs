using CardFirmware.Card.Protocol;
using CardFirmware.Card.Protocol.Messages;
using CardFirmware.Crypto.Threshold;
using CardFirmware.Fuzz.Rigs;
using CardFirmware.HalSim.Entropy;
using CardFirmware.Host;
using CardFirmware.SimulatedCard;

namespace CardFirmware.Fuzz.Targets;

/// <summary>
/// The command dispatcher and every handler's payload parsing on the card's real command table
/// (<see cref="CommandRig"/>). Input: <c>stage(1) | flags(1) | chunks</c>; stage picks the flash
/// (provisioned, bonded, enrolled, wallet), flag bit 0 makes the enrolled finger touch when asked,
/// bit 1 makes the caller the bonded phone; each chunk is one request message. Invariants: every
/// request gets exactly one well-formed reply answering it, no handler throws anything but the card's typed
/// errors (the dispatcher's catch-all would hide it as InternalError), and the session's end wipes cleanly.
/// </summary>
internal sealed class CommandsTarget : FuzzTarget
{
    private readonly Lazy<CommandRig> _rig = new(() => new CommandRig());

    public override string Name => "commands";

    public override string Description => "CommandDispatcher and every handler on the card's command table, over its flash";

    public override void Run(byte[] input)
    {
        if (input.Length < 2)
        {
            return;
        }

        var rig = _rig.Value;
        var dispatcher = rig.Open(input[0] % CommandRig.Stages, (input[1] & 2) != 0, (input[1] & 1) != 0);
        try
        {
            foreach (var request in Chunks.Split(input, 2))
            {
                var reply = dispatcher.Dispatch(request);
                CheckReply(request, reply);
                if (rig.Untyped is { } untyped)
                {
                    throw new FuzzFinding("Command 0x" + request[1].ToString("X2") + " threw " + untyped.GetType().Name + ": " + untyped);
                }
            }
        }
        finally
        {
            rig.EndSession();
        }
    }

    private static void CheckReply(byte[] request, byte[] reply)
    {
        if (reply.Length < WireFormat.ReplyHeaderSize || reply[0] != WireFormat.Version)
        {
            throw new FuzzFinding("A reply of " + reply.Length + " bytes is not well formed.");
        }

        if (request.Length >= WireFormat.RequestHeaderSize
            && (reply[1] != (request[1] | WireFormat.ReplyFlag) || reply[2] != request[2] || reply[3] != request[3]))
        {
            throw new FuzzFinding("A reply does not answer its request's command and id.");
        }

        if (reply[4] != (byte)WireStatus.Ok && reply.Length != WireFormat.ReplyHeaderSize)
        {
            throw new FuzzFinding("A refusal carries a payload.");
        }
    }

    public override IEnumerable<(string Name, byte[] Data)> Seeds()
    {
        var rig = _rig.Value;
        yield return ("fresh-basics", Record(rig, 0, 0, phone => Basics(phone)));
        yield return ("bonded-unpair", Record(rig, 1, 2, phone =>
        {
            phone.Ask(CommandCode.Unpair, []);
            phone.Ask(CommandCode.Enroll, []);
        }));
        yield return ("bonded-reset", Record(rig, 1, 3, phone => phone.Ask(CommandCode.FactoryReset, [])));
        yield return ("wallet-reset", Record(rig, 3, 3, phone => phone.Ask(CommandCode.FactoryReset, [])));
        yield return ("enrolled-create", Record(rig, 2, 3, CreateWallet));
        yield return ("wallet-sign", Record(rig, 3, 3, phone => Sign(phone, [])));
        yield return ("wallet-sign-path", Record(rig, 3, 3, phone => Sign(phone, [0, 0, 0, 5, 0, 0, 0, 7])));
        yield return ("wallet-basics", Record(rig, 3, 1, phone =>
        {
            Basics(phone);
            phone.Ask(CommandCode.GetPublicKey, []);
            phone.Ask(CommandCode.Sign, [2, 1, 2]);
        }));
    }

    private static void Basics(Phone phone)
    {
        phone.Ask(CommandCode.GetInfo, []);
        phone.Ask(CommandCode.Ping, [1, 2, 3]);
        phone.Ask(CommandCode.Enroll, []);
        phone.Raw([2, 1, 0, 0]);
        phone.Raw([1, 0x7F, 0, 0]);
    }

    private static void CreateWallet(Phone phone)
    {
        var contribution = Enumerable.Repeat((byte)0xC3, JointSessionId.ContributionBytes).ToArray();
        var (cardContribution, card1) = PhoneWallet.FirstReply(phone.Send(CommandCode.CreateWallet, [1, .. contribution]));
        var party = new DkgParty(2, 2, JointSessionId.ForKeyGeneration([cardContribution, contribution]),
            new CardFirmware.Card.Identity.CardRandom(SimEntropy.Seeded(Fixtures.PhoneSeed)));
        var phone1 = party.Start()[0];
        var card2 = phone.Send(CommandCode.CreateWallet, [2, .. phone1]);
        var phone2 = party.Round2([card1])[0];
        var card3 = phone.Send(CommandCode.CreateWallet, [3, .. phone2]);
        var phone3 = party.Round3([card2])[0];
        party.Finish([card3]).Clear();
        phone.Send(CommandCode.CreateWallet, [4, .. phone3]);
    }

    private static void Sign(Phone phone, byte[] path)
    {
        var contribution = Enumerable.Repeat((byte)0x5E, JointSessionId.ContributionBytes).ToArray();
        var hash = Enumerable.Repeat((byte)0xAB, 32).ToArray();
        uint[]? indices = path.Length == 0 ? null : Enumerable.Range(0, path.Length / 4)
            .Select(i => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(path.AsSpan(4 * i))).ToArray();
        var (cardContribution, card1) = PhoneWallet.FirstReply(phone.Send(CommandCode.Sign, [1, .. contribution, .. hash, (byte)(path.Length / 4), .. path]));
        var party = new SignParty(ThresholdRig.Honest.PhoneShare, [1, 2], JointSessionId.ForSigning([cardContribution, contribution]), indices,
            hash, new CardFirmware.Card.Identity.CardRandom(SimEntropy.Seeded(Fixtures.PhoneSeed)));
        var phone1 = party.Start()[0];
        var card2 = phone.SendPieces(CommandCode.Sign, [2, .. phone1]);
        var phone2 = party.Round2([card1])[0];
        var card3 = phone.Send(CommandCode.Sign, [3, .. phone2]);
        party.Presign([card2]);
        party.SignHash(hash);
        party.Combine([card3]);
    }

    /// <summary>Runs an honest phone's script against the rig and returns its requests as an input.</summary>
    private static byte[] Record(CommandRig rig, int stage, byte flags, Action<Phone> script)
    {
        var phone = new Phone(rig.Open(stage, (flags & 2) != 0, (flags & 1) != 0));
        try
        {
            script(phone);
        }
        finally
        {
            rig.EndSession();
        }

        return Chunks.Join([(byte)stage, flags], phone.Requests);
    }

    /// <summary>An honest phone that keeps every request it sent.</summary>
    private sealed class Phone(CommandDispatcher dispatcher)
    {
        private int _requestId;

        public List<byte[]> Requests { get; } = [];

        /// <summary>Sends a request whose refusal is part of the script.</summary>
        public byte[] Ask(CommandCode command, byte[] payload)
        {
            var id = ++_requestId;
            return Raw([WireFormat.Version, (byte)command, (byte)(id >> 8), (byte)id, .. payload]);
        }

        /// <summary>Sends a protocol round the card must accept; returns the reply payload.</summary>
        public byte[] Send(CommandCode command, byte[] payload)
        {
            var reply = Ask(command, payload);
            if (reply[4] != (byte)WireStatus.Ok)
            {
                throw new InvalidOperationException("The card refused " + command + " with " + (WireStatus)reply[4] + ".");
            }

            return reply[WireFormat.ReplyHeaderSize..];
        }

        /// <summary>Sends a round whose reply comes in pieces (the card's signing round 2); returns the joined message.</summary>
        public byte[] SendPieces(CommandCode command, byte[] payload)
        {
            var message = new List<byte>(Send(command, payload));
            var length = RoundEnvelope.PiecedMessageLength([.. message], CardClient.MaxPiecedMessageBytes);
            while (message.Count < length)
            {
                message.AddRange(Send(command, [RoundEnvelope.NextPieceRound]));
            }

            return [.. message];
        }

        public byte[] Raw(byte[] request)
        {
            Requests.Add(request);
            return dispatcher.Dispatch(request);
        }
    }
}
